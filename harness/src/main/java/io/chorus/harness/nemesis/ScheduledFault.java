package io.chorus.harness.nemesis;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One entry of a scenario's {@code faults:} list: {@code kind} on {@code target} from {@code at} until
 * {@code until}, both measured from the moment the first phase began.
 *
 * @param index      the fault's position in the list, which names it (its toxics are {@code chorus-fault-<index>-...})
 * @param until      when the schedule heals it; null for {@link FaultKind#RESTART}, which lasts until the target is
 *                   back. {@link FaultSchedule} refuses an {@code until} that is not after {@code at}
 * @param target     a component ({@code notification-1}, {@code nats-2}), a group ({@code nats}: every node), or a
 *                   link ({@code command -> nats}, or one proxy of it: {@code command -> nats-2})
 * @param parameters the kind's parameters as written ({@code latency: 200ms}), checked by {@link FaultSchedule}
 */
public record ScheduledFault(
        int index, Duration at, Duration until, FaultKind kind, String target, Map<String, String> parameters) {
    public ScheduledFault {
        parameters = Map.copyOf(parameters);
    }

    /** How long it is held as scheduled (zero for a restart). */
    public Duration duration() {
        return until == null ? Duration.ZERO : until.minus(at);
    }

    /** When the schedule heals it: {@code until}, or {@code at} for a restart. */
    public Duration end() {
        return until == null ? at : until;
    }

    /** How the fault is named in the history and the report: {@code latency latency=200ms}, {@code kill}. */
    public String describe() {
        if (parameters.isEmpty()) {
            return kind.yaml();
        }
        return kind.yaml() + " "
                + new TreeMap<>(parameters)
                        .entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(" "));
    }
}
