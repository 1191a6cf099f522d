package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.Sample;
import io.chorus.harness.history.SendOk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessCostsTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final long SECOND = 1_000_000L;

    /**
     * 10 s of samples: command uses 0.2 cores, notification-1 0.1, the harness 0.5; 1,000 messages acknowledged over
     * a 10 s phase, 4,000 frames received on notification-1.
     */
    private static History tenSeconds() {
        List<Op> ops = new ArrayList<>();
        for (int s = 0; s <= 10; s++) {
            long t = T0 + s * SECOND;
            ops.add(new Sample(ProcessCosts.CPU, "command", 5 + 0.2 * s, t));
            ops.add(new Sample(ProcessCosts.RSS, "command", s < 5 ? 100e6 : 200e6, t));
            ops.add(new Sample(ProcessCosts.CPU, "notification-1", 1 + 0.1 * s, t));
            ops.add(new Sample(ProcessCosts.CPU, ProcessCosts.HARNESS, 30 + 0.5 * s, t));
        }
        for (int m = 0; m < 1_000; m++) {
            ops.add(new SendOk("k" + m, "m" + m, 202, T0 + m * 10_000L));
            for (int r = 0; r < 4; r++) {
                ops.add(new Receipt("u" + r, "c" + r, "notification-1", "ch", "m" + m, m, T0 + m * 10_000L + 5));
            }
        }
        ops.add(new PhaseWindow("steady", 0, 100, T0, T0 + 10 * SECOND));
        return new History(ops);
    }

    private static Map<String, ProcessCosts.Component> byName(ProcessCosts.Result r) {
        return r.components().stream().collect(Collectors.toMap(ProcessCosts.Component::name, Function.identity()));
    }

    @Test
    void cpuPerMessageIsTheCpuUsedOverTheMessagesAcknowledged() {
        ProcessCosts.Result r = ProcessCosts.of(tenSeconds());
        ProcessCosts.Component command = byName(r).get("command");

        assertThat(r.messages()).isEqualTo(1_000);
        assertThat(r.rate()).isCloseTo(100.0, within(1e-9));
        assertThat(r.secondsSampled()).isCloseTo(10.0, within(1e-9));
        assertThat(command.cpuSeconds()).isCloseTo(2.0, within(1e-9));
        assertThat(command.cores()).isCloseTo(0.2, within(1e-9));
        assertThat(command.cpuMicrosPerUnit()).isCloseTo(2_000.0, within(1e-6)); // 2 s / 1,000 messages
        assertThat(command.rssPeakBytes()).isEqualTo(200_000_000L);
        assertThat(command.rssMeanBytes()).isBetween(150_000_000L, 160_000_000L); // 5 of 11 readings at 100 MB
    }

    @Test
    void aNotificationInstanceIsChargedPerFrameItDelivered() {
        ProcessCosts.Component instance = byName(ProcessCosts.of(tenSeconds())).get("notification-1");

        assertThat(instance.unit()).isEqualTo("delivered frame");
        assertThat(instance.units()).isEqualTo(4_000);
        assertThat(instance.cpuMicrosPerUnit()).isCloseTo(250.0, within(1e-6)); // 1 s / 4,000 frames
    }

    @Test
    void theStackTotalLeavesTheHarnessOutAndTheMachineTotalHasIt() {
        ProcessCosts.Result r = ProcessCosts.of(tenSeconds());

        assertThat(r.stackMicrosPerMessage()).isCloseTo(3_000.0, within(1e-6)); // (2 + 1) s / 1,000
        assertThat(r.machineMicrosPerMessage()).isCloseTo(8_000.0, within(1e-6)); // (2 + 1 + 5) s / 1,000
    }

    @Test
    void theMachineBusyOutsideTheComponentsIsOtherCores() {
        List<Op> ops = new ArrayList<>(tenSeconds().ops());
        for (int s = 0; s <= 10; s++) {
            // the whole machine: 1.5 cores busy, of which the components' 0.8
            ops.add(new Sample(ProcessCosts.MACHINE_CPU, ProcessCosts.MACHINE, 1_000 + 1.5 * s, T0 + s * SECOND));
        }
        ProcessCosts.Result r = ProcessCosts.of(new History(ops));

        assertThat(r.otherCores()).isCloseTo(0.7, within(1e-9));
        assertThat(byName(r)).doesNotContainKey(ProcessCosts.MACHINE); // not a component with a cost per message
        assertThat(ProcessCosts.of(tenSeconds()).otherCores()).isNull();
    }

    @Test
    void theSeriesHasTheCoresOfEveryComponentPerSecond() {
        List<ProcessCosts.Point> series = ProcessCosts.of(tenSeconds()).series();

        assertThat(series).hasSize(10);
        assertThat(series.get(0).t()).isEqualTo(1.0);
        assertThat(series.get(3).cores().get("command")).isCloseTo(0.2, within(1e-9));
        assertThat(series.get(3).cores().get(ProcessCosts.HARNESS)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aRampSeparatesWhatAMessageCostsFromWhatTheProcessBurnsIdle() {
        List<Op> ops = new ArrayList<>();
        double cpu = 0;
        int message = 0;
        ops.add(new Sample(ProcessCosts.CPU, "command", cpu, T0));
        for (int s = 1; s <= 20; s++) {
            int sent = 10 * s; // 10, 20, ... 200 msg/s
            for (int m = 0; m < sent; m++) {
                ops.add(new SendOk("k" + message, "m" + message, 202, T0 + (s - 1) * SECOND + 1 + m));
                message++;
            }
            cpu += 0.05 + 0.001 * sent; // 0.05 cores idle, 1 ms a message
            ops.add(new Sample(ProcessCosts.CPU, "command", cpu, T0 + s * SECOND));
        }
        ProcessCosts.Component command =
                byName(ProcessCosts.of(new History(ops))).get("command");

        assertThat(command.marginalMicrosPerUnit()).isCloseTo(1_000.0, within(1e-6));
        assertThat(command.cpuMicrosPerUnit()).isGreaterThan(1_400.0); // 3.1 s over 2,100 messages
    }

    @Test
    void aFixedRateAfterBusierIdleSecondsHasNoMarginalCost() {
        // seeding keeps the command busy before the first send; then a fixed 40 msg/s: no ramp, so no slope (a
        // regression through the idle seconds read a negative cost per message)
        List<Op> ops = new ArrayList<>();
        double cpu = 0;
        int message = 0;
        ops.add(new Sample(ProcessCosts.CPU, "command", cpu, T0));
        for (int s = 1; s <= 30; s++) {
            boolean seeding = s <= 8;
            int sent = seeding ? 0 : 40;
            for (int m = 0; m < sent; m++) {
                ops.add(new SendOk("k" + message, "m" + message, 202, T0 + (s - 1) * SECOND + 1 + m));
                message++;
            }
            cpu += seeding ? 0.5 : 0.05 + 0.001 * sent + (s % 2 == 0 ? 0.01 : -0.01);
            ops.add(new Sample(ProcessCosts.CPU, "command", cpu, T0 + s * SECOND));
        }

        assertThat(byName(ProcessCosts.of(new History(ops))).get("command").marginalMicrosPerUnit())
                .isNull();
    }

    @Test
    void aFixedRateHasNoMarginalCost() {
        assertThat(byName(ProcessCosts.of(tenSeconds())).get("command").marginalMicrosPerUnit())
                .isNull();
    }

    @Test
    void aHistoryWithoutProcessSamplesHasNoCosts() {
        assertThat(ProcessCosts.of(new History(List.of(new SendOk("k", "m", 202, T0)))))
                .isNull();
    }
}
