package io.chorus.harness.sim;

/**
 * Where a job goes next: a {@link Station}, a {@link Sink}, or any step of a model. A job is a long chosen by its
 * source (the model's own encoding; a {@link Source} writes its creation time there).
 */
public interface Stage {
    void accept(long job);
}
