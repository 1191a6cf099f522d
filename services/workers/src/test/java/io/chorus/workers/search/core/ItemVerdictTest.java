package io.chorus.workers.search.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemVerdictTest {
    @Test
    void classifiesBulkItemAnswers() {
        assertThat(ItemVerdict.of(201, null)).isEqualTo(ItemVerdict.DONE);
        assertThat(ItemVerdict.of(200, null)).isEqualTo(ItemVerdict.DONE);
        assertThat(ItemVerdict.of(409, "version_conflict_engine_exception")).isEqualTo(ItemVerdict.DONE);
        assertThat(ItemVerdict.of(404, null)).isEqualTo(ItemVerdict.DONE);
        assertThat(ItemVerdict.of(429, "es_rejected_execution_exception")).isEqualTo(ItemVerdict.RETRY);
        assertThat(ItemVerdict.of(503, "unavailable_shards_exception")).isEqualTo(ItemVerdict.RETRY);
        assertThat(ItemVerdict.of(400, "document_parsing_exception")).isEqualTo(ItemVerdict.REJECTED);
    }
}
