package io.chorus.harness.explore;

import io.chorus.harness.nemesis.FaultKind;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.FaultTargets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every (kind, target) pair a stack admits within the bounds: process kinds on its components (a power loss only
 * on NATS nodes storing on the unsynced-write filesystem), link kinds on its proxied links, a store wipe on the
 * wipeable stores. The order is fixed (kinds in declaration order, targets as the stack lists them), so a seed
 * draws the same pairs on every machine.
 */
public final class FaultSpace {
    /** One pair a fault may be drawn from. */
    public record Choice(FaultKind kind, String target) {}

    private final List<Choice> choices;

    private FaultSpace(List<Choice> choices) {
        this.choices = List.copyOf(choices);
    }

    /** The pairs of {@code targets} within the bounds' kinds and targets; empty when nothing fits. */
    public static FaultSpace of(FaultTargets targets, ExploreBounds bounds) {
        List<Choice> choices = new ArrayList<>();
        List<FaultKind> kinds = bounds.kinds().stream()
                .sorted(Comparator.comparingInt(FaultKind::ordinal))
                .toList();
        for (FaultKind kind : kinds) {
            for (String target : targetsOf(kind, targets)) {
                if (bounds.targets().isEmpty() || bounds.targets().contains(target)) {
                    choices.add(new Choice(kind, target));
                }
            }
        }
        return new FaultSpace(choices);
    }

    /**
     * Checks a {@code --faults} filter's targets against the stack: every name a component, link or store of it.
     *
     * @return the names it does not know, sorted
     */
    public static Set<String> unknownTargets(Set<String> names, FaultTargets targets) {
        Set<String> unknown = new TreeSet<>();
        for (String name : names) {
            boolean known = targets.components(name).isPresent()
                    || targets.proxies(name).isPresent()
                    || FaultSchedule.WIPEABLE.contains(name);
            if (!known) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private static List<String> targetsOf(FaultKind kind, FaultTargets targets) {
        if (kind.isProviderFault() || kind.isWebhookFault()) {
            // the fake push providers and the webhook receivers are a run's own, never an exploration's
            return List.of();
        }
        if (kind.isStoreFault()) {
            return FaultSchedule.WIPEABLE;
        }
        if (kind == FaultKind.POWER_LOSS) {
            return targets.componentNames().stream()
                    .filter(targets::onUnsyncedWriteFs)
                    .toList();
        }
        return kind.isProcessFault() ? targets.componentNames() : targets.linkNames();
    }

    public List<Choice> choices() {
        return choices;
    }

    public boolean isEmpty() {
        return choices.isEmpty();
    }
}
