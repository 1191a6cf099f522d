package io.chorus.harness.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation: a simulated clock in seconds, a queue of pending events and one seeded random
 * number generator. Events fire in time order, ties in the order they were scheduled, so a run is a pure function
 * of its model and seed. The queue is a binary heap over primitive arrays (no object per event): a projection of
 * ten minutes at 50,000 msg/s fires hundreds of millions of events.
 */
public final class Simulation {
    /** What an event does when it fires; {@code job} is the value it was scheduled with. */
    public interface Handler {
        void fire(long job);
    }

    private final SplittableRandom random;
    private Handler[] handlers = new Handler[8];
    private int handlerCount;
    private double[] times = new double[1024];
    private long[] order = new long[1024];
    private int[] targets = new int[1024];
    private long[] jobs = new long[1024];
    private int size;
    private long scheduled;
    private long fired;
    private double now;

    public Simulation(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The simulated time, in seconds since the start. */
    public double now() {
        return now;
    }

    public SplittableRandom random() {
        return random;
    }

    public long eventsFired() {
        return fired;
    }

    /** Registers what an event of a kind does; the answer names the kind in {@link #schedule}. */
    public int register(Handler handler) {
        if (handlerCount == handlers.length) {
            handlers = Arrays.copyOf(handlers, handlerCount * 2);
        }
        handlers[handlerCount] = handler;
        return handlerCount++;
    }

    /** Fires event kind {@code handler} with {@code job} after {@code delay} seconds (0: after those already due). */
    public void schedule(double delay, int handler, long job) {
        if (!(delay >= 0)) {
            throw new IllegalArgumentException("an event cannot be scheduled in the past: delay " + delay);
        }
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            order = Arrays.copyOf(order, capacity);
            targets = Arrays.copyOf(targets, capacity);
            jobs = Arrays.copyOf(jobs, capacity);
        }
        int i = size++;
        times[i] = now + delay;
        order[i] = scheduled++;
        targets[i] = handler;
        jobs[i] = job;
        siftUp(i);
    }

    /** Fires every event due up to {@code end} (seconds), then leaves the clock at {@code end}. */
    public void runUntil(double end) {
        while (size > 0 && times[0] <= end) {
            now = times[0];
            int handler = targets[0];
            long job = jobs[0];
            removeFirst();
            fired++;
            handlers[handler].fire(job);
        }
        now = Math.max(now, end);
    }

    private void removeFirst() {
        size--;
        if (size > 0) {
            move(size, 0);
            siftDown(0);
        }
    }

    private boolean before(int a, int b) {
        return times[a] < times[b] || (times[a] == times[b] && order[a] < order[b]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int child = left + 1 < size && before(left + 1, left) ? left + 1 : left;
            if (!before(child, i)) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void move(int from, int to) {
        times[to] = times[from];
        order[to] = order[from];
        targets[to] = targets[from];
        jobs[to] = jobs[from];
    }

    private void swap(int a, int b) {
        double t = times[a];
        times[a] = times[b];
        times[b] = t;
        long o = order[a];
        order[a] = order[b];
        order[b] = o;
        int h = targets[a];
        targets[a] = targets[b];
        targets[b] = h;
        long j = jobs[a];
        jobs[a] = jobs[b];
        jobs[b] = j;
    }
}
