package io.chorus.workers.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriterPauseTest {
    private final WriterPause pause = new WriterPause();
    private final ExecutorService live = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        live.shutdownNow();
        assertThat(live.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLiveBatchWaitsForTheRebuildThenApplies() throws Exception {
        CountDownLatch rebuilding = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean appliedDuringRebuild = new AtomicBoolean();
        AtomicBoolean rebuildDone = new AtomicBoolean();
        Thread rebuild = new Thread(() -> {
            try {
                pause.hold(() -> {
                    rebuilding.countDown();
                    assertThat(finish.await(10, TimeUnit.SECONDS)).isTrue();
                    rebuildDone.set(true);
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        rebuild.start();
        assertThat(rebuilding.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> batch = live.submit(() -> pause.between(() -> {}, () -> {
            appliedDuringRebuild.set(!rebuildDone.get());
            return true;
        }));
        // the batch must still be waiting while the rebuild holds the store
        assertThat(batch.isDone()).isFalse();
        finish.countDown();
        assertThat(batch.get(10, TimeUnit.SECONDS)).isTrue();
        rebuild.join(10_000);
        assertThat(appliedDuringRebuild)
                .as("the live batch applied while the rebuild held the store")
                .isFalse();
    }

    @Test
    void aBatchWithoutARebuildAppliesAtOnce() throws Exception {
        assertThat(pause.between(() -> {}, () -> "applied")).isEqualTo("applied");
    }
}
