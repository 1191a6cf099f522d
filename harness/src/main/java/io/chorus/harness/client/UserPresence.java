package io.chorus.harness.client;

import java.util.List;

/** One user's presence as {@code GET /v1/users/presence} answers it: {@code online}, {@code away} or {@code offline}. */
public record UserPresence(String userId, String status) {
    /** The answer of {@code GET /v1/users/presence}. */
    public record Page(List<UserPresence> users) {}
}
