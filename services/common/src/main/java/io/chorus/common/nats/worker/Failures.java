package io.chorus.common.nats.worker;

import io.chorus.common.events.PoisonEvent;
import java.util.function.Predicate;

/** Sorts a failure into a {@link FailureKind}: each worker says what an outage of its engine looks like. */
public final class Failures {
    private Failures() {}

    /**
     * {@link FailureKind#POISON} when a {@link PoisonEvent} is anywhere in the cause chain, {@link FailureKind#OUTAGE}
     * when {@code outage} holds for any throwable in it, {@link FailureKind#REFUSED} otherwise.
     */
    public static FailureKind classify(Throwable failure, Predicate<Throwable> outage) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEvent) {
                return FailureKind.POISON;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (outage.test(t)) {
                return FailureKind.OUTAGE;
            }
        }
        return FailureKind.REFUSED;
    }
}
