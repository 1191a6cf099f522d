/**
 * The simulator's discrete-event engine (decision 0230): a {@link io.chorus.harness.sim.Simulation} (event queue,
 * seeded random numbers, simulated clock), {@link io.chorus.harness.sim.Station}s with k servers and a FIFO queue,
 * and {@link io.chorus.harness.sim.Source}s that offer jobs at a rate. A job is one message on one hop: the model
 * aggregates (one event per message per hop, never per member), so a production-scale projection stays fast.
 *
 * <p>The model of the chat paths built from a run's {@code costs} section (issue 27) composes these parts; the
 * engine's own properties (Little's law, M/M/1 waits, utilisation = offered load x cost, same seed same result) are
 * tested on their own.
 */
package io.chorus.harness.sim;
