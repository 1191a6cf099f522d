package io.chorus.harness.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a phase's {@code mix} can run beside its sends, each at its own rate (operations per second, open model). The
 * name is the scenario key and the {@code op} of the history records; {@code membership} alternates a join of a
 * channel the user is not in with the leave of one it joined, recorded as {@code join} and {@code leave}.
 */
public enum MixOperation {
    HISTORY,
    SEARCH,
    MY_CHANNELS,
    EDIT,
    DELETE,
    REACT,
    TYPING,
    READ,
    MEMBERSHIP,
    CHURN;

    /** The scenario key: {@code my_channels}, {@code history}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MixOperation> of(String key) {
        return Arrays.stream(values()).filter(o -> o.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(MixOperation::key).toList();
    }

    /**
     * The {@code op} names the history records carry (a membership change is a {@code join} or a {@code leave}), each
     * with latency metrics {@code op.<name>.p50} ... except {@code churn}, which has no answer to wait for.
     */
    public static List<String> recorded() {
        return List.of(
                "history", "search", "my_channels", "edit", "delete", "react", "typing", "read", "join", "leave");
    }
}
