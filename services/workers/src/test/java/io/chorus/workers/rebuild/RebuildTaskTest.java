package io.chorus.workers.rebuild;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildTaskTest {
    private final RebuildTask task = new RebuildTask(
            "cassandra",
            null,
            () -> {
                throw new AssertionError("no store may be opened for a refused rebuild");
            },
            Clock.systemUTC());

    @Test
    void refusesAStoreThisWorkerDoesNotWrite() {
        assertThatThrownBy(() ->
                        task.execute(Map.of("store", List.of("elasticsearch")), new PrintWriter(new StringWriter())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store=cassandra");
    }

    @Test
    void refusesARebuildWithoutAStore() {
        assertThatThrownBy(() -> task.execute(Map.of(), new PrintWriter(new StringWriter())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWorkerWritingTwoStoresRefusesAThird() {
        RebuildTask meta = new RebuildTask(
                Map.of(
                        "mongo",
                                new RebuildTask.Rebuild(
                                        null,
                                        () -> {
                                            throw new AssertionError("not opened");
                                        },
                                        new WriterPause()),
                        "permissions",
                                new RebuildTask.Rebuild(
                                        null,
                                        () -> {
                                            throw new AssertionError("not opened");
                                        },
                                        new WriterPause())),
                Clock.systemUTC());
        assertThatThrownBy(
                        () -> meta.execute(Map.of("store", List.of("cassandra")), new PrintWriter(new StringWriter())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store=mongo|permissions");
    }
}
