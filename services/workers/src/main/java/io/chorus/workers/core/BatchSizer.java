package io.chorus.workers.core;

/**
 * How many META events the meta writer's next fetch asks for. One event may carry a thousand memberships (a bulk
 * import of a big channel) or one (a user joining one of 100,000 channels), and a batch's cost is mostly its
 * documents plus a fixed few round trips to the store. So the count follows the documents per event of the last
 * batch, to keep a batch near a budget of documents, between a floor and a ceiling of events (decision 0015).
 */
public final class BatchSizer {
    private final int minEvents;
    private final int maxEvents;
    private final long documentBudget;
    private int next;

    public BatchSizer(int minEvents, int maxEvents, long documentBudget) {
        if (minEvents < 1 || maxEvents < minEvents || documentBudget < 1) {
            throw new IllegalArgumentException("need 1 <= minEvents <= maxEvents and a positive document budget");
        }
        this.minEvents = minEvents;
        this.maxEvents = maxEvents;
        this.documentBudget = documentBudget;
        this.next = minEvents;
    }

    /** The number of events to fetch next. */
    public int next() {
        return next;
    }

    /** Learns from a batch just applied: {@code events} events carrying {@code documents} documents in all. */
    public void observe(int events, long documents) {
        if (events <= 0) {
            return; // an empty fetch says nothing about the events to come
        }
        double perEvent = Math.max(1.0, (double) documents / events);
        long fit = (long) (documentBudget / perEvent);
        next = (int) Math.max(minEvents, Math.min(maxEvents, fit));
    }
}
