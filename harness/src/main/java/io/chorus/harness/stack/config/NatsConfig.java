package io.chorus.harness.stack.config;

import io.chorus.harness.stack.PortPlan.NatsNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration file of one node of the JetStream cluster. */
public final class NatsConfig {
    public static final String CLUSTER_NAME = "chorus";

    private NatsConfig() {}

    /**
     * @param syncInterval JetStream {@code sync_interval} ({@code always} or a duration); null keeps the default
     */
    public static String render(NatsNode node, List<NatsNode> cluster, Path storeDir, String syncInterval) {
        return render(node, cluster, storeDir, syncInterval, null);
    }

    /** @param user the one user every client must authenticate as; null admits anyone (routes never need it) */
    public static String render(
            NatsNode node, List<NatsNode> cluster, Path storeDir, String syncInterval, NatsUser user) {
        StringBuilder conf = new StringBuilder()
                .append("server_name: ")
                .append(node.name())
                .append('\n')
                .append("listen: 127.0.0.1:")
                .append(node.client())
                .append('\n')
                .append("http: 127.0.0.1:")
                .append(node.monitor())
                .append('\n')
                .append("max_payload: 1MB\n")
                .append("jetstream {\n")
                .append("  store_dir: \"")
                .append(storeDir)
                .append("\"\n")
                .append("  max_memory_store: 256MB\n")
                .append("  max_file_store: 16GB\n");
        if (syncInterval != null) {
            conf.append("  sync_interval: ").append(syncInterval).append('\n');
        }
        conf.append("}\n");
        if (user != null) {
            conf.append(user.authorization());
        }
        if (cluster.size() > 1) {
            String routes = cluster.stream()
                    .filter(other -> !other.name().equals(node.name()))
                    .map(other -> "nats://127.0.0.1:" + other.cluster())
                    .collect(Collectors.joining(", "));
            conf.append("cluster {\n")
                    .append("  name: ")
                    .append(CLUSTER_NAME)
                    .append('\n')
                    .append("  listen: 127.0.0.1:")
                    .append(node.cluster())
                    .append('\n')
                    // clients reach each node through its own proxy: no node may advertise the others to them
                    .append("  no_advertise: true\n")
                    .append("  routes: [")
                    .append(routes)
                    .append("]\n")
                    .append("}\n");
        }
        return conf.toString();
    }
}
