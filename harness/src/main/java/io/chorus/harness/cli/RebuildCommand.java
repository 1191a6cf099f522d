package io.chorus.harness.cli;

import io.chorus.harness.rebuild.StoreRebuild;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code harness rebuild elasticsearch|cassandra|mongo|permissions [RUN_DIR]}: a read store rebuilt from the event log. */
@Command(
        name = "rebuild",
        mixinStandardHelpOptions = true,
        description = "Rebuilds a read store of a running stack from its stream (MESSAGES for elasticsearch and "
                + "cassandra, META for mongo and permissions), from its first event, "
                + "through the worker that writes it; prints progress, and last: events, seconds, events/s. "
                + "Without RUN_DIR: the most recent stack of this checkout.")
public final class RebuildCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STORE", description = "elasticsearch, cassandra, mongo or permissions")
    String store;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RUN_DIR", description = "the stack's run folder")
    Path runDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StoreRebuild.Store which = StoreRebuild.Store.of(store)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "STORE must be elasticsearch, cassandra, mongo or permissions, not " + store));
        Checkout checkout = new Checkout(System.err);
        RunFolder run = checkout.runFolder(runDir, spec.commandLine())
                .orElseThrow(
                        () -> new ParameterException(spec.commandLine(), "no stack found: run `harness up` first"));
        StackDescription stack = run.read()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "cannot read " + run.stackJson()));
        Optional<StoreRebuild.Result> result = new StoreRebuild().run(stack, which, System.out::println);
        if (result.isEmpty()) {
            System.err.println("the rebuild of " + which.id() + " did not finish");
            return 1;
        }
        return 0;
    }
}
