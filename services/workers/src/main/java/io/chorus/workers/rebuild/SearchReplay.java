package io.chorus.workers.rebuild;

import io.chorus.common.events.PoisonEvent;
import io.chorus.workers.search.BulkIndexWriter;
import io.chorus.workers.search.core.IndexAction;
import io.chorus.workers.search.core.ItemVerdict;
import io.chorus.workers.search.core.MessageEventIndexing;
import io.nats.client.Message;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays events into the search index with the indexer's own plan and bulk writer: each document at its external
 * version (its event's sequence; a delete's tombstone at the final version), so a replayed event older than what
 * the index holds is a version conflict, which is done.
 */
public final class SearchReplay implements StreamReplay.Applier {
    private final MessageEventIndexing indexing;
    private final BulkIndexWriter writer;
    private final Clock clock;

    public SearchReplay(MessageEventIndexing indexing, BulkIndexWriter writer, Clock clock) {
        this.indexing = indexing;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public int apply(List<Message> batch) throws Exception {
        int skipped = 0;
        List<IndexAction> actions = new ArrayList<>();
        for (Message message : batch) {
            try {
                IndexAction action =
                        indexing.plan(message.getData(), message.metaData().streamSequence(), clock.instant());
                if (action instanceof IndexAction.Skip) {
                    skipped++;
                } else {
                    actions.add(action);
                }
            } catch (PoisonEvent e) {
                skipped++; // dead-lettered by the live indexer already
            }
        }
        return skipped + write(actions);
    }

    /** Writes the actions until Elasticsearch has taken each; answers how many it rejected. */
    private int write(List<IndexAction> actions) throws Exception {
        int rejected = 0;
        ReplayAttempts attempts = new ReplayAttempts();
        while (!actions.isEmpty()) {
            List<IndexAction> retry = new ArrayList<>();
            String failure = null;
            try {
                List<BulkIndexWriter.Outcome> outcomes = writer.write(actions);
                for (int i = 0; i < actions.size(); i++) {
                    BulkIndexWriter.Outcome outcome = outcomes.get(i);
                    if (outcome.verdict() == ItemVerdict.RETRY) {
                        retry.add(actions.get(i));
                        failure = outcome.error();
                    } else if (outcome.verdict() == ItemVerdict.REJECTED) {
                        rejected++;
                    }
                }
            } catch (Exception e) {
                retry = actions;
                failure = e.toString();
            }
            if (!retry.isEmpty()) {
                attempts.pauseAfter(failure);
            }
            actions = retry;
        }
        return rejected;
    }
}
