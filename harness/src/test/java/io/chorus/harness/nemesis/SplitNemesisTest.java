package io.chorus.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhook faults to the receivers' nemesis, the rest to the stack's. */
class SplitNemesisTest {
    /** Records what it was asked to do, as {@code name:action:target}. */
    private static final class Recording implements Nemesis {
        private final String name;
        private final List<String> log;

        Recording(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void setup(StackDescription stack) {
            log.add(name + ":setup");
        }

        @Override
        public long start(ScheduledFault fault) {
            log.add(name + ":start:" + fault.target());
            return 1;
        }

        @Override
        public FaultWindow heal(ScheduledFault fault) {
            log.add(name + ":heal:" + fault.target());
            return new FaultWindow(fault.describe(), fault.target(), 1, 2);
        }

        @Override
        public void teardown() {
            log.add(name + ":teardown");
        }
    }

    private static ScheduledFault fault(FaultKind kind, String target) {
        return new ScheduledFault(0, Duration.ZERO, Duration.ofSeconds(1), kind, target, Map.of());
    }

    @Test
    void eachFaultGoesToTheNemesisOfItsKind() {
        List<String> log = new ArrayList<>();
        SplitNemesis split = new SplitNemesis(new Recording("receivers", log), new Recording("stack", log));
        split.setup(null);
        split.start(fault(FaultKind.WEBHOOK_DOWN, "hook-2"));
        split.start(fault(FaultKind.KILL, "fanout-1"));
        split.heal(fault(FaultKind.KILL, "fanout-1"));
        split.heal(fault(FaultKind.WEBHOOK_DOWN, "hook-2"));
        split.teardown();

        assertThat(log)
                .containsExactly(
                        "receivers:setup",
                        "stack:setup",
                        "receivers:start:hook-2",
                        "stack:start:fanout-1",
                        "stack:heal:fanout-1",
                        "receivers:heal:hook-2",
                        "receivers:teardown",
                        "stack:teardown");
    }

    @Test
    void withoutAStackNemesisOnlyWebhookFaultsCanStart() {
        List<String> log = new ArrayList<>();
        SplitNemesis split = new SplitNemesis(new Recording("receivers", log), null);
        split.setup(null);
        split.teardown();

        assertThat(log).containsExactly("receivers:setup", "receivers:teardown");
        assertThatThrownBy(() -> split.start(fault(FaultKind.KILL, "fanout-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fanout-1");
    }
}
