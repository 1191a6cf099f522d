package io.chorus.harness.scenario;

import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.stack.StackShape;
import java.time.Duration;
import java.util.List;

/**
 * One scenario file, parsed and validated: the stack's shape, the population to seed, who is online, the workload
 * phases in order, and the SLOs the run is judged by. Every field is documented in {@code docs/scenarios.md}.
 *
 * @param seed seeds the population and the workload's random choices, so two runs of a scenario send the same
 *             messages to the same channels ({@code harness run --seed} overrides it)
 * @param faults the nemesis's schedule, in time since the first phase began (empty: no faults)
 * @param stackProvider what runs the stack when {@code harness run} is given no {@code --stack}: {@value #LOCAL} or
 *                      {@value #CONTAINERS} ({@code stack.provider}; null: local)
 * @param webhooks the webhook receiver fleet, registrations, incoming webhook and bot of the run (null: none)
 * @param push devices, offline users and the direct messages and mentions sent to them (null: no push)
 */
public record Scenario(
        String name,
        String description,
        long seed,
        StackShape stack,
        PopulationSpec population,
        OnlineSpec online,
        List<Phase> phases,
        List<Slo> slos,
        FaultSchedule faults,
        String stackProvider,
        WebhooksSpec webhooks,
        PushSpec push) {

    public static final String LOCAL = "local";
    public static final String CONTAINERS = "containers";

    public Scenario {
        phases = List.copyOf(phases);
        slos = List.copyOf(slos);
        faults = faults == null ? FaultSchedule.EMPTY : faults;
    }

    /** A scenario without push. */
    public Scenario(
            String name,
            String description,
            long seed,
            StackShape stack,
            PopulationSpec population,
            OnlineSpec online,
            List<Phase> phases,
            List<Slo> slos,
            FaultSchedule faults,
            String stackProvider,
            WebhooksSpec webhooks) {
        this(name, description, seed, stack, population, online, phases, slos, faults, stackProvider, webhooks, null);
    }

    /** A scenario without webhooks or push. */
    public Scenario(
            String name,
            String description,
            long seed,
            StackShape stack,
            PopulationSpec population,
            OnlineSpec online,
            List<Phase> phases,
            List<Slo> slos,
            FaultSchedule faults,
            String stackProvider) {
        this(name, description, seed, stack, population, online, phases, slos, faults, stackProvider, null);
    }

    /** A scenario whose stack runs where {@code harness run --stack} says (local by default), without webhooks or push. */
    public Scenario(
            String name,
            String description,
            long seed,
            StackShape stack,
            PopulationSpec population,
            OnlineSpec online,
            List<Phase> phases,
            List<Slo> slos,
            FaultSchedule faults) {
        this(name, description, seed, stack, population, online, phases, slos, faults, null);
    }

    /** A scenario without faults. */
    public Scenario(
            String name,
            String description,
            long seed,
            StackShape stack,
            PopulationSpec population,
            OnlineSpec online,
            List<Phase> phases,
            List<Slo> slos) {
        this(name, description, seed, stack, population, online, phases, slos, FaultSchedule.EMPTY);
    }

    public Duration totalDuration() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The same scenario with other phases (a test's shortened load, say). */
    public Scenario withPhases(List<Phase> newPhases) {
        return new Scenario(
                name,
                description,
                seed,
                stack,
                population,
                online,
                newPhases,
                slos,
                faults,
                stackProvider,
                webhooks,
                push);
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(
                name,
                description,
                newSeed,
                stack,
                population,
                online,
                phases,
                slos,
                faults,
                stackProvider,
                webhooks,
                push);
    }
}
