package io.chorus.harness.stack.config;

/**
 * The one NATS user of a local stack: every node admits only it, every service and every connection of the harness
 * authenticates as it. Its password is derived from the stack's secret, so a stack's {@code stack.json} (whose NATS
 * URLs carry it, {@code nats://chorus:<password>@127.0.0.1:<port>}) is all a tool needs to connect.
 */
public record NatsUser(String name, String password) {
    public static final String NAME = "chorus";

    /** The user of the stack whose secret is {@code hmacSecret}. */
    public static NatsUser of(String hmacSecret) {
        return new NatsUser(NAME, ServiceConfig.derivedKey("nats-password", hmacSecret));
    }

    /** A client URL that authenticates as this user ({@code hostPort} is {@code 127.0.0.1:4222}). */
    public String url(String hostPort) {
        return "nats://" + name + ":" + password + "@" + hostPort;
    }

    /** The server configuration block that admits this user and no one else. */
    String authorization() {
        return "authorization {\n  users = [\n    {user: \"" + name + "\", password: \"" + password + "\"}\n  ]\n}\n";
    }
}
