package io.chorus.workers.search.core;

import io.chorus.common.search.MessageIndex;

/**
 * What one message event does to the search index. Every write carries an external version, so a redelivered or
 * reordered older event can never overwrite a newer one: Elasticsearch rejects it as a version conflict, which the
 * indexer counts as done. A create or an edit is versioned by its stream sequence; a delete writes a tombstone at
 * {@link #FINAL_VERSION}, above any sequence, so no later, redelivered or reordered event of that message can bring
 * it back.
 */
public sealed interface IndexAction {
    /** The version of a delete's tombstone: higher than any stream sequence JetStream will hand out. */
    long FINAL_VERSION = 1L << 62;

    /** Index (or re-index, for an edit; or replace by a tombstone, for a delete) the whole document. */
    record Upsert(String index, String id, long version, MessageIndex.Document document) implements IndexAction {}

    /** Nothing to index: an event type search does not care about, or a message older than retention. */
    record Skip(String reason) implements IndexAction {}
}
