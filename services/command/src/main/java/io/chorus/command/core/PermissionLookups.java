package io.chorus.command.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The {@link Permissions} questions, answered later instead of on the asking thread (decision 0063): the send path
 * asks them without holding a request thread while the {@code permissions} bucket answers. A failed stage carries
 * the reason (a 503 {@link io.chorus.common.api.ApiException} when the bucket cannot be read in time).
 */
public interface PermissionLookups {
    /** The user's role in the channel, empty when not a member. */
    CompletionStage<Optional<String>> role(String channelId, String userId);

    /** The channel's kind, empty when there is no such channel. */
    CompletionStage<Optional<String>> kind(String channelId);

    /** Asks {@code permissions} on the caller's thread: a completed stage, failed when the read throws. */
    static PermissionLookups answeredAtOnce(Permissions permissions) {
        return new PermissionLookups() {
            @Override
            public CompletionStage<Optional<String>> role(String channelId, String userId) {
                return now(() -> permissions.role(channelId, userId));
            }

            @Override
            public CompletionStage<Optional<String>> kind(String channelId) {
                return now(() -> permissions.kind(channelId));
            }

            private CompletionStage<Optional<String>> now(Supplier<Optional<String>> read) {
                try {
                    return CompletableFuture.completedFuture(read.get());
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        };
    }
}
