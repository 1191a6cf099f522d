package io.chorus.workers.rebuild;

import io.chorus.workers.rebuild.core.RebuildProgress;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /tasks/rebuild?store=STORE} on the admin port of the worker that writes that store (decision 0135):
 * replays {@code MESSAGES} into it from the first event, streaming a progress line a second and, last, the line
 * {@code rebuilt STORE: ...} (events, seconds, events/s). Anything else as the last line means it failed. One
 * rebuild at a time per worker.
 */
public final class RebuildTask extends Task {
    private final String store;
    private final StreamReplay replay;
    private final Callable<StreamReplay.Applier> appliers;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    /** @param appliers opens the store's writer when a rebuild starts (the store's client is started by then) */
    public RebuildTask(String store, StreamReplay replay, Callable<StreamReplay.Applier> appliers, Clock clock) {
        super("rebuild");
        this.store = store;
        this.replay = replay;
        this.appliers = appliers;
        this.clock = clock;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        List<String> asked = parameters.getOrDefault("store", List.of());
        if (!asked.equals(List.of(store))) {
            throw new IllegalArgumentException("this worker rebuilds store=" + store + ", not " + asked);
        }
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a rebuild of " + store + " is already running");
        }
        try {
            RebuildProgress progress = replay.run(appliers.call(), line -> {
                output.println(line);
                output.flush();
            });
            output.println(progress.finalLine(clock.instant()));
            output.flush();
        } catch (Exception e) {
            output.println("rebuild of " + store + " failed: " + e);
            output.flush();
            throw e;
        } finally {
            running.set(false);
        }
    }
}
