package io.chorus.harness.client;

import java.util.List;

/** A page of a cursor listing; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
    public boolean last() {
        return nextCursor == null || nextCursor.isEmpty();
    }
}
