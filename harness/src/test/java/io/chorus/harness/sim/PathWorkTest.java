package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathWorkTest {
    private static final Map<String, Double> MICROS = Map.of(
            Calibration.LOAD_GENERATOR, 1_000.0,
            Calibration.COMMAND, 2_000.0,
            Calibration.JETSTREAM, 5_000.0,
            Calibration.FANOUT, 400.0,
            Calibration.NOTIFICATION, 100.0, // per frame
            Calibration.MESSAGE_WRITER, 900.0);

    private static Calibration withFloors(double send, double delivery) {
        // 2 publishes per message, 6 frames per message
        return new Calibration(MICROS, 2, 6, Map.of(), 0.2, 2, 0, new Calibration.Floors(send, delivery, 3));
    }

    @Test
    void theSendFloorIsSharedAmongTheSendPathInProportionToItsCpu() {
        PathWork work = new PathWork(withFloors(0.0042, 0.0052), new Hops(0.0002, 0, 0));

        // 4 ms of work over 8 ms of CPU: half of each
        assertThat(work.onPath(Calibration.LOAD_GENERATOR)).isCloseTo(0.0005, within(1e-9));
        assertThat(work.onPath(Calibration.COMMAND)).isCloseTo(0.001, within(1e-9));
        assertThat(work.onPath(Calibration.JETSTREAM)).isCloseTo(0.0025, within(1e-9));
        assertThat(work.beside(Calibration.JETSTREAM)).isCloseTo(0.0025, within(1e-9));
    }

    @Test
    void theDeliveryFloorBeyondTheSendsIsTheFanOutsAndOneInstancesPublish() {
        PathWork work = new PathWork(withFloors(0.004, 0.0045), Hops.NONE);

        // 0.5 ms over the fan-out's 400 us and one publish's 300 us (3 frames of 100 us): 5/7 of each
        assertThat(work.onPath(Calibration.FANOUT)).isCloseTo(0.0004 * 5 / 7, within(1e-9));
        assertThat(work.perJob(Calibration.NOTIFICATION)).isCloseTo(0.0003 * 5 / 7, within(1e-9));
        assertThat(work.onPath(Calibration.NOTIFICATION)).isCloseTo(0.0006 * 5 / 7, within(1e-9)); // 2 publishes
        assertThat(work.beside(Calibration.NOTIFICATION)).isCloseTo(0.0006 * 2 / 7, within(1e-9));
    }

    @Test
    void anInstanceWritingMoreFramesPerPublishWaitsForTheSameFractionOfThem() {
        Calibration measured = withFloors(0.004, 0.0045);
        // another channel mix: 2 publishes of 30 frames each, where the floors were measured at 3 frames a publish
        PathWork wide = new PathWork(measured.withMix(2.0, 60.0), Hops.NONE);

        assertThat(wide.perJob(Calibration.NOTIFICATION)).isCloseTo(0.003 * 5 / 7, within(1e-9));
        assertThat(wide.onPath(Calibration.FANOUT)).isCloseTo(0.0004 * 5 / 7, within(1e-9));
    }

    @Test
    void noRoleWaitsForMoreThanItsOwnCpuNorLessThanNothing() {
        PathWork slow = new PathWork(withFloors(0.1, 0.1), Hops.NONE);
        PathWork hopsOnly = new PathWork(withFloors(0.0001, 0.0001), new Hops(0.0002, 0.0001, 0.0001));

        assertThat(slow.onPath(Calibration.JETSTREAM)).isEqualTo(0.005);
        assertThat(slow.beside(Calibration.JETSTREAM)).isZero();
        assertThat(slow.onPath(Calibration.FANOUT)).isZero(); // the delivery floor is the send floor
        assertThat(hopsOnly.onPath(Calibration.COMMAND)).isZero();
        assertThat(slow.onPath(Calibration.MESSAGE_WRITER)).as("off the paths").isZero();
        assertThat(slow.beside(Calibration.MESSAGE_WRITER)).isCloseTo(0.0009, within(1e-9));
    }
}
