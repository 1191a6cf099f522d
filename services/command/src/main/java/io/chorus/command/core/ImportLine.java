package io.chorus.command.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.api.ApiException;
import io.chorus.common.events.DirectChannels;
import io.chorus.common.events.MetaPayloads;

/**
 * One line of a bulk import (NDJSON), e.g.
 * <pre>
 * {"type":"user","id":"u1","displayName":"Ann"}
 * {"type":"channel","id":"general","name":"General","kind":"public","createdBy":"u1","topic":"hello"}
 * {"type":"membership","channelId":"general","userId":"u1","role":"member"}
 * </pre>
 */
public sealed interface ImportLine {
    record User(String id, String displayName) implements ImportLine {}

    record Channel(String id, String name, String kind, String createdBy, String topic) implements ImportLine {}

    record Membership(String channelId, String userId, String role) implements ImportLine {}

    /** Parses and checks one line; a 422 naming the line number when it is not a valid import line. */
    static ImportLine parse(ObjectMapper json, String line, long lineNumber) {
        try {
            JsonNode node = json.readTree(line);
            if (node == null || !node.isObject()) {
                throw CommandRules.invalid("not a JSON object");
            }
            String type = text(node, "type");
            if ("membership".equals(type)) {
                return new Membership(
                        CommandRules.id("channelId", text(node, "channelId")),
                        CommandRules.id("userId", text(node, "userId")),
                        CommandRules.role(text(node, "role")));
            }
            if ("user".equals(type)) {
                String id = CommandRules.id("id", text(node, "id"));
                String name = text(node, "displayName");
                return new User(
                        id,
                        CommandRules.name(
                                "displayName", name == null ? id : name, CommandRules.MAX_DISPLAY_NAME_CHARS));
            }
            if ("channel".equals(type)) {
                String id = CommandRules.id("id", text(node, "id"));
                if (DirectChannels.isReserved(id)) {
                    throw CommandRules.invalid(
                            "id must not start with " + DirectChannels.PREFIX + " (reserved for direct channels)");
                }
                String kind = CommandRules.kind(text(node, "kind"));
                if (MetaPayloads.KIND_DIRECT.equals(kind)) {
                    throw CommandRules.invalid("direct channels are not imported");
                }
                String name = text(node, "name");
                return new Channel(
                        id,
                        CommandRules.name("name", name == null ? id : name, CommandRules.MAX_NAME_CHARS),
                        kind,
                        CommandRules.id("createdBy", text(node, "createdBy")),
                        CommandRules.topic(text(node, "topic")));
            }
            throw CommandRules.invalid("type must be user, channel or membership");
        } catch (ApiException e) {
            throw new ApiException(422, "invalid_request", "line " + lineNumber + ": " + e.getMessage());
        } catch (java.io.IOException | RuntimeException e) {
            throw new ApiException(400, "invalid_json", "line " + lineNumber + ": not valid JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw CommandRules.invalid(field + " must be a string");
        }
        return value.asText();
    }
}
