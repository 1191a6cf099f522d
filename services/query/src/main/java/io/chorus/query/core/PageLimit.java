package io.chorus.query.core;

import java.util.OptionalInt;

/** A page size as a request gives it: absent means the endpoint's default; else a whole number from 1 to a maximum. */
final class PageLimit {
    private PageLimit() {}

    /** The page size {@code value} asks for, {@code defaultLimit} when absent; empty when it is not one of 1..max. */
    static OptionalInt parse(String value, int defaultLimit, int max) {
        if (value == null || value.isEmpty()) {
            return OptionalInt.of(defaultLimit);
        }
        try {
            int limit = Integer.parseInt(value);
            return limit >= 1 && limit <= max ? OptionalInt.of(limit) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
