package io.chorus.it.write;

/** NDJSON lines of {@code POST /v1/admin/import}, as the ITs write them. */
final class ImportLines {
    private ImportLines() {}

    /** A private channel named after its id, created by {@code owner} (who becomes its owner member). */
    static String channel(String channel, String owner) {
        return "{\"type\":\"channel\",\"id\":\"" + channel + "\",\"name\":\"" + channel + "\",\"kind\":\"private\","
                + "\"createdBy\":\"" + owner + "\"}\n";
    }

    static String membership(String channel, String user) {
        return "{\"type\":\"membership\",\"channelId\":\"" + channel + "\",\"userId\":\"" + user + "\"}\n";
    }
}
