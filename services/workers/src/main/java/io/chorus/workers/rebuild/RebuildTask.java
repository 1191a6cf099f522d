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
 * {@code POST /tasks/rebuild?store=STORE} on the admin port of the worker that writes that store (decisions 0135,
 * 0140): replays the store's stream into it from the first event, streaming a progress line a second and, last, the
 * line {@code rebuilt STORE: ...} (events, seconds, events/s). Anything else as the last line means it failed. One
 * rebuild at a time per worker.
 */
public final class RebuildTask extends Task {
    /**
     * How one store is rebuilt.
     *
     * @param appliers opens the store's writer when a rebuild starts (the store's client is started by then)
     * @param pause    held for the whole replay: the live writer of the store waits on it, if it must
     */
    public record Rebuild(StreamReplay replay, Callable<StreamReplay.Applier> appliers, WriterPause pause) {}

    private final Map<String, Rebuild> stores;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    /** A worker that rebuilds one store, whose live writer need not pause (its writes are versioned per event). */
    public RebuildTask(String store, StreamReplay replay, Callable<StreamReplay.Applier> appliers, Clock clock) {
        this(Map.of(store, new Rebuild(replay, appliers, new WriterPause())), clock);
    }

    public RebuildTask(Map<String, Rebuild> stores, Clock clock) {
        super("rebuild");
        this.stores = Map.copyOf(stores);
        this.clock = clock;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        List<String> asked = parameters.getOrDefault("store", List.of());
        Rebuild rebuild = asked.size() == 1 ? stores.get(asked.get(0)) : null;
        if (rebuild == null) {
            throw new IllegalArgumentException("this worker rebuilds store="
                    + String.join("|", new java.util.TreeSet<>(stores.keySet())) + ", not " + asked);
        }
        String store = asked.get(0);
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a rebuild is already running on this worker");
        }
        try {
            RebuildProgress progress = rebuild.pause()
                    .hold(() -> rebuild.replay().run(rebuild.appliers().call(), line -> {
                        output.println(line);
                        output.flush();
                    }));
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
