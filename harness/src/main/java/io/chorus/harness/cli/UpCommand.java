package io.chorus.harness.cli;

import io.chorus.harness.scenario.InvalidScenario;
import io.chorus.harness.scenario.ScenarioError;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackShape;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the local stack in the background, in a new run folder with free ports, and waits "
                    + "until every health check is green.",
            "The last line printed is the run folder."
        })
public final class UpCommand implements Callable<Integer> {
    @Option(
            names = "--notification-instances",
            defaultValue = "2",
            description = "notification instances (${DEFAULT-VALUE})")
    int notificationInstances;

    @Option(names = "--fanout-instances", defaultValue = "1", description = "fan-out instances (${DEFAULT-VALUE})")
    int fanoutInstances;

    @Option(
            names = "--nats-sync-interval",
            description = "JetStream sync_interval: 'always' or a duration; " + "default: the server's (lazy fsync)")
    String natsSyncInterval;

    @Option(
            names = "--shape-of",
            paramLabel = "SCENARIO.yaml",
            description = "start the stack that a scenario's stack section describes (instances, heap, links) "
                    + "instead of the options above; 'harness status' then shows its memory")
    Path shapeOf;

    @Override
    public Integer call() {
        StackShape shape;
        try {
            shape = shape();
        } catch (InvalidScenario e) {
            for (ScenarioError error : e.errors()) {
                System.err.println(error);
            }
            return 2;
        }
        Checkout checkout = new Checkout(System.out);
        checkout.cleanOrphans();
        LocalStack stack = LocalStack.create(checkout.home, shape, checkout.engines(), System.out);
        stack.up();
        stack.detach();
        StackDescription.Gateway gateway = stack.description().gateway();
        if (gateway != null) {
            System.out.println("gateway " + gateway.url() + " (WebSocket " + gateway.ws() + "), " + gateway.https()
                    + " (WebSocket " + gateway.wss() + ", self-signed)");
        }
        System.out.println(stack.runFolder().dir());
        return 0;
    }

    private StackShape shape() throws InvalidScenario {
        if (shapeOf != null) {
            return new ScenarioParser().parse(shapeOf).stack(); // links as a run of it has them
        }
        return new StackShape(
                StackShape.DEFAULT.natsNodes(),
                StackShape.DEFAULT.cassandraNodes(),
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                StackShape.PROXIED);
    }
}
