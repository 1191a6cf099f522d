package io.chorus.harness.stack.health;

/**
 * Asks one component whether it is healthy. A probe never throws: a component that cannot be reached is
 * unhealthy, with the reason in the detail. Each call asks afresh; a probe keeps no state between calls.
 */
@FunctionalInterface
public interface HealthProbe {
    Health probe();
}
