package io.chorus.command.core;

import com.codahale.metrics.Timer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@link TimedPermissions} for the asynchronous lookups: each lookup is timed from the question to its answer, into
 * the same timers as the synchronous reads, so {@code permissions.check.*} and {@code permissions.bucket.*} keep
 * meaning what they meant (decision 0063).
 */
public final class TimedPermissionLookups implements PermissionLookups {
    private final PermissionLookups source;
    private final Timer roles;
    private final Timer kinds;

    public TimedPermissionLookups(PermissionLookups source, Timer roles, Timer kinds) {
        this.source = source;
        this.roles = roles;
        this.kinds = kinds;
    }

    @Override
    public CompletionStage<Optional<String>> role(String channelId, String userId) {
        return timed(roles, () -> source.role(channelId, userId));
    }

    @Override
    public CompletionStage<Optional<String>> kind(String channelId) {
        return timed(kinds, () -> source.kind(channelId));
    }

    private static CompletionStage<Optional<String>> timed(
            Timer timer, Supplier<CompletionStage<Optional<String>>> lookup) {
        Timer.Context context = timer.time();
        return lookup.get().whenComplete((value, error) -> context.stop());
    }
}
