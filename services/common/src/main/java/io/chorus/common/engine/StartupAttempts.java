package io.chorus.common.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an engine connection at start-up, trying again every {@link #PAUSE} while the engine is not reachable yet
 * (the engines and the services start side by side), until a deadline: then start-up fails.
 */
public final class StartupAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(StartupAttempts.class);
    static final Duration PAUSE = Duration.ofMillis(500);

    private StartupAttempts() {}

    /**
     * @param engine      the engine's name, for the log and the error
     * @param address     where it was tried, for the log and the error
     * @param unreachable what the client throws while the engine does not answer; any other failure is final
     */
    public static <T> T open(
            String engine,
            Object address,
            Duration timeout,
            Class<? extends Exception> unreachable,
            Callable<T> attempt)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                return attempt.call();
            } catch (Exception e) {
                if (!unreachable.isInstance(e)) {
                    throw e;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException(engine + " unreachable at " + address + " within " + timeout, e);
                }
                LOG.warn("{} not reachable yet at {}: {}", engine, address, e.getMessage());
                Thread.sleep(PAUSE.toMillis());
            }
        }
    }
}
