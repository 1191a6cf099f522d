package io.chorus.harness.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportBatchesTest {
    private final List<ImportBatches.Batch> posted = new ArrayList<>();

    @Test
    void linesAreCutIntoBodiesOfAtMostTheBatchSizeInOrder() {
        ImportBatches batches = new ImportBatches(3, posted::add);
        for (int i = 1; i <= 7; i++) {
            batches.line("{\"n\":" + i + "}");
        }
        assertThat(posted).hasSize(2); // full bodies leave as soon as they are full
        assertThat(batches.finish()).isEqualTo(3);
        assertThat(posted)
                .extracting(ImportBatches.Batch::toString)
                .containsExactly("batch 1 (lines 1-3)", "batch 2 (lines 4-6)", "batch 3 (lines 7-7)");
        assertThat(new String(posted.get(1).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":4}\n{\"n\":5}\n{\"n\":6}\n");
        assertThat(batches.lines()).isEqualTo(7);
    }

    @Test
    void anExactMultipleLeavesNoEmptyBody() {
        ImportBatches batches = new ImportBatches(2, posted::add);
        batches.line("a");
        batches.line("b");
        assertThat(batches.finish()).isEqualTo(1);
        assertThat(posted).hasSize(1);
    }

    @Test
    void theSettleTimeoutGrowsWithThePopulation() {
        assertThat(ImportSeeder.settleTimeout(1_000)).hasSeconds(121);
        assertThat(ImportSeeder.settleTimeout(1_000_000)).hasSeconds(1_120);
    }
}
