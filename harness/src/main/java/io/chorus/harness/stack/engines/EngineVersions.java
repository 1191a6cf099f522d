package io.chorus.harness.stack.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The pinned engine versions, taken from the root pom when the harness is built. */
public record EngineVersions(
        String natsServer, String toxiproxy, String ferretdb, String natsCli, String cassandra, String elasticsearch) {

    public static EngineVersions pinned() {
        Properties p = new Properties();
        try (InputStream in = EngineVersions.class.getResourceAsStream("/io/chorus/harness/engines.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EngineVersions(
                p.getProperty("nats-server"),
                p.getProperty("toxiproxy"),
                p.getProperty("ferretdb"),
                p.getProperty("natscli"),
                p.getProperty("cassandra"),
                p.getProperty("elasticsearch"));
    }
}
