package io.chorus.harness.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The fields of a notification frame the fleet needs (docs/protocol.md): its {@code op}, the {@code resume} token
 * it carries (ready, event, resync_required), for an event its {@code seq}, {@code channelId} and the envelope's
 * {@code id}, for an error its {@code code}, for a resync_required its {@code reason}. Read with a streaming parser that stops as soon as
 * it has them, so a fleet of thousands of sockets does not build a tree per frame.
 */
record ServerFrame(String op, long seq, String channelId, String eventId, String error, String resume, String reason) {
    private static final JsonFactory JSON = new JsonFactory();

    static ServerFrame parse(String text) {
        String op = null;
        long seq = -1;
        String channel = null;
        String eventId = null;
        String error = null;
        String resume = null;
        String reason = null;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new ServerFrame(null, -1, null, null, "not a JSON object", null, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "op" -> op = p.getValueAsString();
                    case "seq" -> seq = p.getValueAsLong(-1);
                    case "channelId" -> channel = p.getValueAsString();
                    case "code" -> error = p.getValueAsString();
                    case "resume" -> resume = p.getValueAsString();
                    case "reason" -> reason = p.getValueAsString();
                    case "event" -> {
                        eventId = envelopeId(p, value);
                        if (eventId != null && !(op != null && seq >= 0 && channel != null && resume != null)) {
                            skipRestOfObject(p); // the rest of the envelope; frame fields the fleet needs follow it
                        }
                    }
                    default -> p.skipChildren();
                }
                if (eventId != null && op != null && seq >= 0 && channel != null && resume != null) {
                    break; // an event frame: everything needed is read, the text that follows is not
                }
            }
        } catch (IOException e) {
            return new ServerFrame(op, seq, channel, eventId, "unreadable frame: " + e.getMessage(), resume, reason);
        }
        return new ServerFrame(op, seq, channel, eventId, error, resume, reason);
    }

    private static String envelopeId(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("id")) {
                return p.getValueAsString(); // the rest of the envelope (the text) is not needed
            } else {
                p.skipChildren();
            }
        }
        return null;
    }

    private static void skipRestOfObject(JsonParser p) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return;
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
        }
    }

    boolean isEvent() {
        return "event".equals(op) && eventId != null && channelId != null && seq >= 0;
    }
}
