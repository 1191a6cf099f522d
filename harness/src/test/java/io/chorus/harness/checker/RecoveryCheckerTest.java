package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.Sample;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery figures of a hand-made history whose every number is known. */
class RecoveryCheckerTest {
    private static final long T = 1_700_000_000_000_000L;
    private static final long S = 1_000_000L;

    private static long at(double seconds) {
        return T + (long) (seconds * S);
    }

    @Test
    void figuresDuringAndAfterAFaultWindow() {
        List<Op> ops = new ArrayList<>();
        ops.add(new SessionOpen("reader", "c1", "notification-1", at(0)));
        ops.add(new SessionOpen("sender", "c2", "notification-2", at(0)));
        // before the fault: not counted anywhere
        send(ops, "m0", 1, 1.010, 1.020);
        // during the fault (10 s .. 20 s): one 202 slow, one 503, one 202 delivered late
        send(ops, "m1", 11, 11.300, 14.000);
        ops.add(new SendInvoke("m2", "ch", "sender", "p", at(12), at(12), 10));
        ops.add(new SendFail("m2", 503, "unavailable", at(14)));
        ops.add(new SessionClose("reader", "c1", "instance died", at(12.5)));
        ops.add(new SessionOpen("reader", "c3", "notification-2", at(14.0)));
        send(ops, "m3", 19, 19.100, 22.500);
        ops.add(new FaultWindow("kill", "notification-1", at(10), at(20)));
        // after: fast again
        send(ops, "m4", 25, 25.010, 25.050);
        ops.add(new Sample(RecoveryChecker.LAG_METRIC, "message-writer", 40, at(20.5)));
        ops.add(new Sample(RecoveryChecker.LAG_METRIC, "search-indexer", 0, at(20.6)));
        ops.add(new Sample(RecoveryChecker.LAG_METRIC, "message-writer", 0, at(23)));

        RecoveryChecker.Result r = new RecoveryChecker().check(new History(ops));

        assertThat(r.windows()).hasSize(1);
        RecoveryChecker.Window w = r.windows().get(0);
        assertThat(w.start()).isEqualTo(10.0);
        assertThat(w.seconds()).isEqualTo(10.0);
        assertThat(w.sends()).isEqualTo(3);
        assertThat(w.acked()).isEqualTo(2);
        assertThat(w.unavailable()).isEqualTo(1);
        assertThat(w.clientsDropped()).isEqualTo(1);
        assertThat(w.clientsNotBack()).isZero();
        assertThat(w.reconnectMax()).isEqualTo(1500.0);
        assertThat(w.catchUp()).isEqualTo(2500.0); // m3 received at 22.5 s, the window ended at 20 s
        assertThat(w.lagDrain()).isEqualTo(3000.0);
        assertThat(w.sendP95()).isBetween(299.0, 301.0);
        assertThat(w.sendP95After()).isBetween(9.9, 10.1);
        assertThat(r.unavailable()).isEqualTo(1);
        assertThat(r.metrics())
                .containsEntry("errors.unavailable", 1.0)
                .containsEntry("errors.other", 0.0)
                .containsEntry("recovery.reconnect.max", 1500.0)
                .containsEntry("recovery.catchup.max", 2500.0)
                .containsEntry("recovery.lag_drain.max", 3000.0)
                .containsKeys(
                        "fault.send.latency.p95",
                        "fault.delivery.latency.p95",
                        "recovery.send.latency.p95",
                        "recovery.delivery.latency.p95");
        assertThat(r.metrics().get("fault.delivery.latency.p95")).isBetween(3490.0, 3510.0);
    }

    @Test
    void theRecoveryPeriodStopsWhereTheNextFaultStarts() {
        List<Op> ops = new ArrayList<>();
        ops.add(new SessionOpen("reader", "c1", "notification-2", at(0)));
        ops.add(new SessionOpen("sender", "c2", "notification-2", at(0)));
        ops.add(new FaultWindow("kill", "notification-1", at(10), at(20)));
        send(ops, "m1", 25, 25.010, 25.050); // after the first fault, before the second: its recovery
        ops.add(new FaultWindow("kill", "fanout-1", at(30), at(40)));
        send(ops, "m2", 35, 35.010, 45.000); // waits for the fan-out: the second fault's, not the first's recovery
        send(ops, "m3", 55, 55.010, 55.020);

        RecoveryChecker.Result r = new RecoveryChecker().check(new History(ops));

        RecoveryChecker.Window first = r.windows().get(0);
        assertThat(first.deliveryP95After()).isBetween(49.0, 51.0);
        RecoveryChecker.Window second = r.windows().get(1);
        assertThat(second.deliveryP95()).isBetween(9_990.0, 10_010.0);
        assertThat(second.deliveryP95After()).isBetween(19.0, 21.0);
        assertThat(r.deliveryAfter().max()).isLessThan(100.0);
        assertThat(r.metrics().get("recovery.delivery.latency.p95")).isLessThan(100.0);
    }

    @Test
    void aWindowThatEndsWhileAnotherFaultIsInForceHasNoRecoveryOfItsOwn() {
        // node-kill on a loaded machine: notification-1's restart outlasted the start of fanout-1's kill
        List<Op> ops = new ArrayList<>();
        ops.add(new SessionOpen("reader", "c1", "notification-2", at(0)));
        ops.add(new FaultWindow("kill", "notification-1", at(10), at(40)));
        send(ops, "m1", 15, 15.010, 15.050);
        ops.add(new FaultWindow("kill", "fanout-1", at(30), at(60)));
        send(ops, "m2", 25, 25.010, 58.000); // caught by the fan-out's kill in flight: delivered when it is back
        send(ops, "m3", 35, 35.010, 58.100); // sent while both are in force
        send(ops, "m4", 45, 45.010, 58.200); // the fan-out's alone
        send(ops, "m5", 65, 65.010, 65.030);

        RecoveryChecker.Result r = new RecoveryChecker().check(new History(ops));

        RecoveryChecker.Window first = r.windows().get(0);
        assertThat(first.deliveryP95After())
                .as("sent while the fan-out was dead")
                .isNull();
        assertThat(first.catchUp())
                .as("everything it owed arrived before the fan-out healed")
                .isZero();
        RecoveryChecker.Window second = r.windows().get(1);
        assertThat(second.deliveryP95()).isGreaterThan(10_000.0);
        assertThat(second.deliveryP95After()).isBetween(29.0, 31.0);
        assertThat(second.catchUp()).isZero();
        assertThat(r.metrics().get("recovery.delivery.latency.p95")).isLessThan(100.0);
        assertThat(r.metrics().get("recovery.catchup.max")).isZero();
    }

    @Test
    void aChainOfOverlappingWindowsIsHealedWhenItsLastEnds() {
        List<FaultWindow> faults = List.of(
                new FaultWindow("kill", "a", at(10), at(40)),
                new FaultWindow("kill", "b", at(30), at(60)),
                new FaultWindow("kill", "c", at(55), at(70)),
                new FaultWindow("kill", "d", at(80), at(90)));
        assertThat(RecoveryChecker.allHealed(faults, faults.get(0))).isEqualTo(at(70));
        assertThat(RecoveryChecker.allHealed(faults, faults.get(2))).isEqualTo(at(70));
        assertThat(RecoveryChecker.allHealed(faults, faults.get(3))).isEqualTo(at(90));
    }

    @Test
    void withoutFaultsOnlyThe503sAreCounted() {
        List<Op> ops = new ArrayList<>();
        send(ops, "m0", 1, 1.01, 1.02);
        RecoveryChecker.Result r = new RecoveryChecker().check(new History(ops));
        assertThat(r.windows()).isEmpty();
        assertThat(r.metrics()).containsOnlyKeys("errors.unavailable", "errors.other");
    }

    @Test
    void aClientThatNeverCameBackIsCountedAndHasNoReconnectTime() {
        List<Op> ops = new ArrayList<>();
        ops.add(new SessionOpen("reader", "c1", "notification-1", at(0)));
        ops.add(new SessionClose("reader", "c1", "instance died", at(11)));
        ops.add(new FaultWindow("kill", "notification-1", at(10), at(20)));
        RecoveryChecker.Result r = new RecoveryChecker().check(new History(ops));
        assertThat(r.windows().get(0).clientsNotBack()).isEqualTo(1);
        assertThat(r.windows().get(0).reconnectMax()).isNull();
        assertThat(r.metrics())
                .containsEntry("recovery.clients_not_back", 1.0)
                .doesNotContainKey("recovery.reconnect.max");
    }

    @Test
    void socketsClosedAtTheEndOfTheRunAreNotDrops() {
        List<Op> ops = new ArrayList<>();
        ops.add(new SessionOpen("reader", "c1", "notification-1", at(0)));
        ops.add(new FaultWindow("pause", "fanout-1", at(10), at(20)));
        send(ops, "m1", 21, 21.01, 21.02);
        ops.add(new SessionClose("reader", "c1", "end of run", at(25)));
        assertThat(new RecoveryChecker()
                        .check(new History(ops))
                        .windows()
                        .get(0)
                        .clientsDropped())
                .isZero();
    }

    /** A 202 answered at {@code ok} and received by the reader at {@code received} (seconds). */
    private static void send(List<Op> ops, String id, double intended, double ok, double received) {
        ops.add(new SendInvoke(id, "ch", "sender", "p", at(intended), at(intended), 10));
        ops.add(new SendOk(id, "msg-" + id, 202, at(ok)));
        ops.add(new Receipt("reader", "c", "notification-2", "ch", "msg-" + id, (long) (intended * 10), at(received)));
    }
}
