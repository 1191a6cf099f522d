package io.chorus.harness.explore;

import io.chorus.harness.nemesis.FaultKind;
import java.util.List;
import java.util.Map;

/**
 * How hard a drawn fault is: for each kind with parameters, a ladder of parameter sets from the mildest to the
 * hardest. The generator draws a rung; the shrinker steps one rung down. A kind without parameters (a kill, an
 * outage) has one rung. Parameters not on the ladder (a hand-written scenario's) cannot be lowered.
 */
public final class Intensity {
    private static final Map<FaultKind, List<Map<String, String>>> LADDERS = Map.of(
            FaultKind.LATENCY,
            List.of(
                    Map.of("latency", "50ms"),
                    Map.of("latency", "200ms"),
                    Map.of("latency", "500ms"),
                    Map.of("latency", "1s"),
                    Map.of("latency", "2s"),
                    Map.of("latency", "5s")),
            FaultKind.BANDWIDTH,
            List.of(
                    Map.of("rate", "1000"),
                    Map.of("rate", "300"),
                    Map.of("rate", "100"),
                    Map.of("rate", "30"),
                    Map.of("rate", "10"),
                    Map.of("rate", "1")),
            // a connection closed soon lets the client redial; held open (0ms) it hangs until healed
            FaultKind.TIMEOUT,
            List.of(Map.of("timeout", "5s"), Map.of("timeout", "1s"), Map.of("timeout", "0ms")),
            FaultKind.RESET_PEER,
            List.of(Map.of("timeout", "5s"), Map.of("timeout", "1s"), Map.of("timeout", "0ms")),
            FaultKind.SLOW_CLOSE,
            List.of(Map.of("delay", "100ms"), Map.of("delay", "1s"), Map.of("delay", "5s")));

    private Intensity() {}

    /** The rungs of a kind, mildest first: one empty set for a kind without parameters. */
    public static List<Map<String, String>> ladder(FaultKind kind) {
        return LADDERS.getOrDefault(kind, List.of(Map.of()));
    }

    /** The rung these parameters are on, or -1 when they are not on the kind's ladder. */
    public static int level(FaultKind kind, Map<String, String> parameters) {
        return ladder(kind).indexOf(parameters);
    }

    /** The parameters one rung milder, or null when there is none (the mildest rung, or off the ladder). */
    public static Map<String, String> milder(FaultKind kind, Map<String, String> parameters) {
        int level = level(kind, parameters);
        return level > 0 ? ladder(kind).get(level - 1) : null;
    }
}
