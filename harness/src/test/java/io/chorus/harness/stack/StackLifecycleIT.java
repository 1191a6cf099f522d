package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.stack.health.Health;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs last: brings the shared stack down and checks that nothing of it is left running. */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalStackExtension.class)
class StackLifecycleIT {

    @Test
    void downStopsEveryProcessAndLeavesNoneBehind(LocalStack stack) {
        ProcessTable processes = new ProcessTable();
        String tag = stack.runFolder().processTag();
        assertThat(processes.tagged(tag))
                .hasSizeGreaterThanOrEqualTo(stack.description().pids().size());

        stack.down();

        assertThat(processes.tagged(tag)).isEmpty();
        stack.description()
                .pids()
                .forEach((component, pid) -> assertThat(processes.isAlive(pid))
                        .as(component + " (pid " + pid + ")")
                        .isFalse());
        assertThat(stack.runFolder().read().orElseThrow().state()).isEqualTo(StackDescription.State.DOWN);
        assertThat(stack.status()).noneMatch(Health::healthy);

        stack.down(); // idempotent
        assertThat(processes.tagged(tag)).isEmpty();
    }
}
