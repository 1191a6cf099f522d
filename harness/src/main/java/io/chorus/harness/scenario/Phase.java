package io.chorus.harness.scenario;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One stretch of open-model load: messages arrive at the step's rate whatever the responses do. A fixed-rate phase
 * has one step; a ramp ({@code rate: {from, to, step, every}}) has one step per rate, and the checker judges the
 * SLOs of each step on its own, to find the highest rate that held.
 *
 * @param channels the channel groups messages are sent to
 * @param pick how a message's channel is drawn from those groups
 * @param messageSize the text length of each message, in characters, uniform in [min, max]
 * @param warmup whether the phase only warms the system up (JIT, caches, connection pools): its sends count for the
 *               invariants (loss, duplicates, order) but not for the latency figures
 * @param mix    the other operations run beside the sends, each at its own rate (per second) for the whole phase
 */
public record Phase(
        String name,
        List<RateStep> steps,
        List<String> channels,
        MessageSize messageSize,
        boolean warmup,
        Pick pick,
        Map<MixOperation, Double> mix) {
    public Phase {
        steps = List.copyOf(steps);
        channels = List.copyOf(channels);
        EnumMap<MixOperation, Double> rates = new EnumMap<>(MixOperation.class);
        rates.putAll(mix);
        mix = Collections.unmodifiableMap(rates);
    }

    /** Sends only. */
    public Phase(
            String name,
            List<RateStep> steps,
            List<String> channels,
            MessageSize messageSize,
            boolean warmup,
            Pick pick) {
        this(name, steps, channels, messageSize, warmup, pick, Map.of());
    }

    /** Channels drawn uniformly over all channels of the phase's groups. */
    public Phase(String name, List<RateStep> steps, List<String> channels, MessageSize messageSize, boolean warmup) {
        this(name, steps, channels, messageSize, warmup, Pick.CHANNELS);
    }

    /** A measured phase (not a warm-up). */
    public Phase(String name, List<RateStep> steps, List<String> channels, MessageSize messageSize) {
        this(name, steps, channels, messageSize, false);
    }

    /**
     * How a send's channel is drawn. {@code CHANNELS}: uniformly over every channel of the named groups, so a group
     * gets traffic in proportion to its channels. {@code GROUPS}: a group first, uniformly, then one of its channels:
     * a group of 1,000 channels beside one of 100,000 gets half the traffic, not 1 % (so users in few channels get
     * enough messages to compare with a user in very many).
     */
    public enum Pick {
        CHANNELS,
        GROUPS
    }

    public boolean isRamp() {
        return steps.size() > 1;
    }

    public Duration duration() {
        return steps.stream().map(RateStep::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** @param rate messages per second offered, whatever the system answers */
    public record RateStep(double rate, Duration duration) {}

    public record MessageSize(int min, int max) {}
}
