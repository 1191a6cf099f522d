package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.stack.StackDescription.Owner;
import io.chorus.harness.stack.StackDescription.State;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFoldersTest {
    @TempDir
    Path root;

    private final long deadPid = findDeadPid();

    @Test
    void theLatestIsTheMostRecentlyCreatedStack() throws Exception {
        RunFolders runs = new RunFolders(root, new ProcessTable());
        RunFolder first = runs.create("stack");
        first.write(stack(first, State.DOWN, ProcessHandle.current().pid(), true));
        Thread.sleep(5);
        RunFolder second = runs.create("stack");
        second.write(stack(second, State.DOWN, ProcessHandle.current().pid(), true));

        assertThat(runs.latest()).contains(second);
    }

    @Test
    void aStackIsOrphanedWhenItsOwnerDiedWithoutLettingGo() {
        RunFolders runs = new RunFolders(root, new ProcessTable());
        long alive = ProcessHandle.current().pid();

        assertThat(runs.isOrphan(stack(runs.create("a"), State.STARTING, deadPid, false)))
                .isTrue();
        assertThat(runs.isOrphan(stack(runs.create("b"), State.UP, deadPid, false)))
                .isTrue();
        assertThat(runs.isOrphan(stack(runs.create("c"), State.STOPPING, deadPid, true)))
                .isTrue();
        // harness up detached it on purpose: it runs on until someone brings it down
        assertThat(runs.isOrphan(stack(runs.create("d"), State.UP, deadPid, true)))
                .isFalse();
        // its owner is still at work
        assertThat(runs.isOrphan(stack(runs.create("e"), State.STARTING, alive, false)))
                .isFalse();
        // nothing of it runs any more
        assertThat(runs.isOrphan(stack(runs.create("f"), State.DOWN, deadPid, false)))
                .isFalse();
        assertThat(runs.isOrphan(stack(runs.create("g"), State.FAILED, deadPid, false)))
                .isFalse();
    }

    @Test
    void orphansAreFoundAmongTheRunFolders() {
        RunFolders runs = new RunFolders(root, new ProcessTable());
        RunFolder orphan = runs.create("stack");
        orphan.write(stack(orphan, State.UP, deadPid, false));
        RunFolder detached = runs.create("stack");
        detached.write(stack(detached, State.UP, deadPid, true));

        assertThat(runs.orphans()).containsExactly(orphan);
    }

    private static StackDescription stack(RunFolder run, State state, long owner, boolean detached) {
        var services = Topology.services(StackShape.DEFAULT);
        PortPlan plan =
                PortPlan.allocate(StackShape.DEFAULT, services, new PortAllocator(p -> true, Set.of(), new Random(1)));
        return StackDescription.planned(
                        run.dir().getFileName().toString(),
                        run.dir(),
                        StackShape.DEFAULT,
                        services,
                        plan,
                        owner,
                        "secret")
                .withState(state)
                .withOwner(new Owner(owner, detached));
    }

    private static long findDeadPid() {
        ProcessTable table = new ProcessTable();
        for (long pid = 4_000_000; ; pid--) {
            if (!table.isAlive(pid)) {
                return pid;
            }
        }
    }
}
