package io.chorus.workers.search.core;

/**
 * What the indexer does with one event after Elasticsearch answered its bulk item. A version conflict means a newer
 * event for that message is already applied, and a delete of a missing document has nothing to remove: both are
 * done. Overload and server errors are Elasticsearch's trouble, not the event's: retried without counting toward
 * dead-lettering. Any other rejection is about the event itself.
 */
public enum ItemVerdict {
    DONE,
    RETRY,
    REJECTED;

    public static ItemVerdict of(int status, String errorType) {
        if (status >= 200 && status < 300) {
            return DONE;
        }
        if (status == 409 || "version_conflict_engine_exception".equals(errorType)) {
            return DONE;
        }
        if (status == 404) {
            return DONE; // only a delete answers 404: the document (or its whole index) is already gone
        }
        if (status == 429 || status >= 500) {
            return RETRY;
        }
        return REJECTED;
    }
}
