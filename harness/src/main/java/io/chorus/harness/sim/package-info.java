/**
 * The simulator: projects a scenario to production scale (100 notification instances, 50K msg/s) from the
 * per-component costs measured in live runs (publishes per message, CPU per delivery, latency per hop).
 *
 * <p>Empty on purpose: the projection needs costs from real runs, which need the backend's endpoints. Nothing in
 * the harness calls into this package yet.
 */
package io.chorus.harness.sim;
