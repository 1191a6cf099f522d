package io.chorus.query.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a search starts: the sort values of the last hit examined (relevance score, creation time,
 * message id), which Elasticsearch's {@code search_after} takes as they are. Written as base64url of a small JSON
 * array, which clients only ever see sealed ({@link SearchCursorSeal}).
 */
public record SearchCursor(double score, long createdAtMillis, String messageId) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 512;

    public String encode() {
        ArrayNode values =
                JSON.createArrayNode().add(score).add(createdAtMillis).add(messageId);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(values.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static SearchCursor decode(String text) {
        if (text.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            JsonNode values = JSON.readTree(Base64.getUrlDecoder().decode(text));
            if (values == null
                    || !values.isArray()
                    || values.size() != 3
                    || !values.get(0).isNumber()
                    || !values.get(1).canConvertToLong()
                    || !values.get(1).isIntegralNumber()
                    || !values.get(2).isTextual()) {
                throw invalid();
            }
            double score = values.get(0).asDouble();
            if (Double.isNaN(score) || Double.isInfinite(score)) {
                throw invalid();
            }
            return new SearchCursor(score, values.get(1).asLong(), values.get(2).asText());
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
    }

    private static InvalidSearch invalid() {
        return new InvalidSearch("invalid_cursor", "cursor is not one this service handed out");
    }
}
