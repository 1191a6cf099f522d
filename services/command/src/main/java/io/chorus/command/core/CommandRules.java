package io.chorus.command.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.events.Subjects;
import java.util.List;
import java.util.UUID;

/**
 * What a well-formed command looks like. Each check throws a 422 naming the field; none touches the network,
 * so every rule is unit- and property-tested.
 */
public final class CommandRules {
    public static final int MAX_TEXT_CHARS = 4_000;
    public static final int MAX_NAME_CHARS = 80;
    public static final int MAX_TOPIC_CHARS = 250;
    public static final int MAX_DISPLAY_NAME_CHARS = 80;
    public static final int MAX_EMOJI_CHARS = 64;
    public static final int MAX_MEMBERS_PER_REQUEST = 1_000;

    private CommandRules() {}

    public static <T> T requireBody(T body) {
        if (body == null) {
            throw invalid("a JSON body is required");
        }
        return body;
    }

    public static String id(String field, String value) {
        if (!Subjects.isToken(value)) {
            throw invalid(field + " must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        return value;
    }

    public static UUID messageId(String value) {
        try {
            if (value == null || value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid("messageId must be a UUID");
        }
    }

    /**
     * A read mark: a message id of version 7, in its canonical lower-case form, so that the stored marks compare
     * as strings in the same order as the ids (decision 0251).
     */
    public static UUID readMark(String value) {
        UUID id;
        try {
            if (value == null || value.length() != 36) {
                throw new IllegalArgumentException();
            }
            id = UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid("lastReadMessageId must be a message id (UUIDv7)");
        }
        if (id.version() != 7) {
            throw invalid("lastReadMessageId must be a message id (UUIDv7)");
        }
        return id;
    }

    public static String text(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("text must not be empty");
        }
        if (value.length() > MAX_TEXT_CHARS) {
            throw invalid("text must be at most " + MAX_TEXT_CHARS + " characters");
        }
        requirePrintable("text", value, true);
        return value;
    }

    public static String name(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " must not be empty");
        }
        if (value.length() > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
        requirePrintable(field, value, false);
        return value.strip();
    }

    /** A topic may be empty (clears it). */
    public static String topic(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_TOPIC_CHARS) {
            throw invalid("topic must be at most " + MAX_TOPIC_CHARS + " characters");
        }
        requirePrintable("topic", value, false);
        return value.strip();
    }

    public static String kind(String value) {
        if (!MetaPayloads.isKind(value)) {
            throw invalid("kind must be public, private or direct");
        }
        return value;
    }

    public static String role(String value) {
        if (value == null) {
            return MetaPayloads.ROLE_MEMBER;
        }
        if (!MetaPayloads.isRole(value)) {
            throw invalid("role must be member, admin or owner");
        }
        return value;
    }

    public static String emoji(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_EMOJI_CHARS) {
            throw invalid("emoji must be 1-" + MAX_EMOJI_CHARS + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/' || c == '.') {
                throw invalid("emoji must not contain spaces, control characters, '/' or '.'");
            }
        }
        requirePrintable("emoji", value, true);
        return value;
    }

    /** A list of user ids: each valid, no duplicates, 1..max of them (0 allowed when {@code allowEmpty}). */
    public static List<String> userIds(String field, List<String> values, boolean allowEmpty) {
        if (values == null || values.isEmpty()) {
            if (allowEmpty) {
                return List.of();
            }
            throw invalid(field + " must name at least one user");
        }
        if (values.size() > MAX_MEMBERS_PER_REQUEST) {
            throw invalid(field + " may name at most " + MAX_MEMBERS_PER_REQUEST + " users per request");
        }
        for (String value : values) {
            id(field + "[]", value);
        }
        return values.stream().distinct().toList();
    }

    /**
     * No control characters (text keeps line breaks and tabs), no unpaired surrogates, and no format characters
     * (Unicode Cf: zero-width spaces, direction marks, embeddings, overrides and isolates, the BOM, the soft hyphen):
     * they are invisible, and the bidirectional ones reorder what a reader sees ({@code "pay\u202Eroll"}). Text
     * keeps the few that writing needs (decision 0116).
     */
    private static void requirePrintable(String field, String value, boolean isText) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            boolean newline = c == '\n' || c == '\r' || c == '\t';
            if (Character.isISOControl(c) && !(isText && newline)) {
                throw invalid(field + " must not contain control characters");
            }
            if (Character.getType(c) == Character.SURROGATE) {
                throw invalid(field + " must not contain an unpaired UTF-16 surrogate");
            }
            if (Character.getType(c) == Character.FORMAT && !(isText && isWritingFormat(c))) {
                throw invalid(field + " must not contain invisible or direction-changing characters ("
                        + String.format("U+%04X", c) + ")");
            }
        }
    }

    /**
     * The format characters text keeps: the zero-width joiner and non-joiner (emoji sequences such as a
     * technologist, and the scripts that need them: Persian, the Indic ones) and the tag characters of emoji flag
     * sequences (Scotland's flag).
     */
    static boolean isWritingFormat(int c) {
        return c == 0x200C || c == 0x200D || (c >= 0xE0020 && c <= 0xE007F);
    }

    public static ApiException invalid(String message) {
        return new ApiException(422, "invalid_request", message);
    }
}
