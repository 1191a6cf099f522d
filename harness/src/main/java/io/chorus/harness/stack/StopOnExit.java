package io.chorus.harness.stack;

/**
 * Runs a stop action if the JVM exits (Ctrl-C, SIGTERM, the end of {@code main}) while a stretch of work holds the
 * guard, and forgets it once the stretch is over. A stack brought up by this process must never outlive it because
 * the user interrupted a run: its processes would keep their ports and the machine's cores.
 */
public final class StopOnExit implements AutoCloseable {
    private final Thread hook;

    private StopOnExit(Thread hook) {
        this.hook = hook;
    }

    public static StopOnExit guard(String name, Runnable stop) {
        Thread hook = new Thread(stop, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopOnExit(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and the hook is running or has run: nothing to forget
        }
    }
}
