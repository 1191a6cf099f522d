package io.chorus.workers.search.core;

import io.chorus.common.search.MessageIndex;

/**
 * What one message event does to the search index. Every write carries the event's stream sequence as an external
 * version, so a redelivered or reordered older event can never overwrite a newer one: Elasticsearch rejects it as a
 * version conflict, which the indexer counts as done.
 */
public sealed interface IndexAction {
    /** Index (or re-index, for an edit) the whole document. */
    record Upsert(String index, String id, long version, MessageIndex.Document document) implements IndexAction {
    }

    /** Remove the document (a versioned delete: Elasticsearch keeps a tombstone for {@code index.gc_deletes}). */
    record Remove(String index, String id, long version) implements IndexAction {
    }

    /** Nothing to index: an event type search does not care about, or a message older than retention. */
    record Skip(String reason) implements IndexAction {
    }
}
