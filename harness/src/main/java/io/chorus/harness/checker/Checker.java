package io.chorus.harness.checker;

import io.chorus.harness.history.History;

/**
 * Judges one property of a run. As Jepsen's checker protocol: a pure function of the history (and of inputs fixed
 * before it is called, given to the constructor), with no side effects, safe to call again on the same history
 * with the same answer. A checker never throws for a history it finds wrong: it says so in its result.
 */
public interface Checker<R extends CheckResult> {
    /** A short stable name, used as the key of the result in {@code report.json}. */
    String name();

    R check(History history);
}
