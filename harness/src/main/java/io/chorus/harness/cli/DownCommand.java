package io.chorus.harness.cli;

import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.RunFolder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = "Stops every process of a stack by PID and waits for each to exit. Without RUN_DIR: the most "
                + "recent stack of this checkout. Orphaned stacks (whose harness was killed) are cleaned too.")
public final class DownCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "RUN_DIR", description = "the stack's run folder")
    Path runDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Checkout checkout = new Checkout(System.out);
        checkout.cleanOrphans();
        Optional<RunFolder> run = checkout.runFolder(runDir, spec.commandLine());
        if (run.isEmpty()) {
            System.out.println("no stack to bring down");
            return 0;
        }
        LocalStack.attach(checkout.home, run.get(), checkout.engines(), System.out)
                .down();
        System.out.println("stack down: " + run.get().dir());
        return 0;
    }
}
