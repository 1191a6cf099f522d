package io.chorus.harness.workload.gatling;

/** Runs one phase through Gatling: hands the phase to {@link PhaseSimulation} and runs that simulation. */
public final class GatlingPhases {
    private GatlingPhases() {}

    public static InProcessGatling.Finished run(InProcessGatling gatling, PhaseRun phase) {
        PhaseSimulation.prepare(phase);
        try {
            return gatling.run(PhaseSimulation.class, phase.name);
        } finally {
            PhaseSimulation.discard(phase);
        }
    }
}
