package io.chorus.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What the metadata endpoints answer. */
public final class Views {
    private Views() {}

    /** {@code role} is the caller's role in the channel, absent when not a member. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Channel(
            String id,
            String name,
            String kind,
            String topic,
            String createdBy,
            Instant createdAt,
            long memberCount,
            String role) {}

    public record Member(String userId, String role, Instant joinedAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MyChannel(String channelId, String role, Instant joinedAt, String name, String kind) {}

    /** A page; {@code nextCursor} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page<T>(List<T> items, String nextCursor) {}
}
