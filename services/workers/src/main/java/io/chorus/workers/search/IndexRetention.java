package io.chorus.workers.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.chorus.common.search.MessageIndex;
import io.chorus.workers.search.core.RetentionPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes the daily message indices older than the configured number of days. */
public final class IndexRetention {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRetention.class);

    private final ElasticsearchClient client;
    private final int retentionDays;
    private final Clock clock;

    public IndexRetention(ElasticsearchClient client, int retentionDays, Clock clock) {
        this.client = client;
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    /** @return the indices deleted */
    public List<String> apply() throws IOException {
        List<String> existing = List.copyOf(client.indices()
                .get(g -> g.index(MessageIndex.DAILY_PREFIX + "*")
                        .allowNoIndices(true)
                        .ignoreUnavailable(true))
                .result()
                .keySet());
        List<String> expired = RetentionPolicy.expiredIndices(existing, LocalDate.now(clock), retentionDays);
        if (!expired.isEmpty()) {
            client.indices().delete(d -> d.index(expired));
            LOG.info(
                    "deleted {} message indices past {} days of retention: {}", expired.size(), retentionDays, expired);
        }
        return expired;
    }
}
