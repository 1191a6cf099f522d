package io.chorus.harness.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreRebuildTest {
    @Test
    void readsTheWorkersFinalLine() {
        assertThat(StoreRebuild.Result.parse("rebuilt cassandra: 1200 events (3 skipped) in 2.5 s, 480 events/s"))
                .contains(new StoreRebuild.Result("cassandra", 1200, 3, 2.5, 480));
    }

    @Test
    void anyOtherLastLineIsNoResult() {
        assertThat(StoreRebuild.Result.parse("rebuilding cassandra: 5 events, sequence 5 of 10, 5 events/s"))
                .isEmpty();
        assertThat(StoreRebuild.Result.parse("rebuild of cassandra failed: java.io.IOException"))
                .isEmpty();
    }

    @Test
    void namesTheStoresAsTheCommandLineDoes() {
        assertThat(StoreRebuild.Store.of("elasticsearch")).contains(StoreRebuild.Store.ELASTICSEARCH);
        assertThat(StoreRebuild.Store.of("cassandra")).contains(StoreRebuild.Store.CASSANDRA);
        assertThat(StoreRebuild.Store.of("mongo")).contains(StoreRebuild.Store.MONGO);
        assertThat(StoreRebuild.Store.of("permissions")).contains(StoreRebuild.Store.PERMISSIONS);
        assertThat(StoreRebuild.Store.of("ferretdb")).isEmpty();
    }
}
