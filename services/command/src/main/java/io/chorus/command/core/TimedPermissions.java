package io.chorus.command.core;

import com.codahale.metrics.Timer;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times the membership and kind lookups of the permission check (the part of the send path that reads the
 * {@code permissions} bucket or its cache), so their p50/p99 can be read from the service's admin metrics after a
 * burst of sends instead of being guessed from the whole request's latency.
 */
public final class TimedPermissions implements Permissions {
    private final Permissions source;
    private final Timer roles;
    private final Timer kinds;

    public TimedPermissions(Permissions source, Timer roles, Timer kinds) {
        this.source = source;
        this.roles = roles;
        this.kinds = kinds;
    }

    @Override
    public Optional<String> role(String channelId, String userId) {
        return timed(roles, () -> source.role(channelId, userId));
    }

    @Override
    public Optional<String> kind(String channelId) {
        return timed(kinds, () -> source.kind(channelId));
    }

    private static Optional<String> timed(Timer timer, Supplier<Optional<String>> lookup) {
        try (Timer.Context ignored = timer.time()) {
            return lookup.get();
        }
    }
}
