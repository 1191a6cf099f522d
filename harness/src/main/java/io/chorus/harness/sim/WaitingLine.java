package io.chorus.harness.sim;

/**
 * The jobs waiting for a server, first in first out: each with the time it arrived and a small tag (the
 * {@link SharedCores} demand it belongs to). A ring over primitive arrays that doubles when full, so a long queue of
 * a saturated projection allocates nothing per job.
 */
final class WaitingLine {
    private long[] jobs = new long[256];
    private int[] tags = new int[256];
    private double[] since = new double[256];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void add(long job, int tag, double arrivedAt) {
        if (size == jobs.length) {
            grow();
        }
        int tail = (head + size) % jobs.length;
        jobs[tail] = job;
        tags[tail] = tag;
        since[tail] = arrivedAt;
        size++;
    }

    /** The first job; read its tag and arrival with {@link #headTag} and {@link #headSince} before. */
    long remove() {
        long job = jobs[head];
        head = (head + 1) % jobs.length;
        size--;
        return job;
    }

    int headTag() {
        return tags[head];
    }

    double headSince() {
        return since[head];
    }

    private void grow() {
        int capacity = size * 2;
        long[] j = new long[capacity];
        int[] t = new int[capacity];
        double[] s = new double[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % jobs.length;
            j[i] = jobs[from];
            t[i] = tags[from];
            s[i] = since[from];
        }
        jobs = j;
        tags = t;
        since = s;
        head = 0;
    }
}
