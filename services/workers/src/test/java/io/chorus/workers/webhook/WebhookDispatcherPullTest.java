package io.chorus.workers.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.nats.worker.PullWorker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the dispatcher pulls: an event reaches its lanes as it arrives, not when a batch fills or a pull expires. */
class WebhookDispatcherPullTest {
    @Test
    void eachEventIsHandedOnAsItArrives() {
        PullWorker.Settings settings = WebhookDispatcher.pullSettings("MESSAGES", "webhook", Duration.ofSeconds(1));

        assertThat(settings.pull()).isEqualTo(PullWorker.Pull.EACH);
        assertThat(settings.name()).isEqualTo("webhook-messages");
        assertThat(settings.pullWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.batch().getAsInt()).isEqualTo(256);
    }
}
