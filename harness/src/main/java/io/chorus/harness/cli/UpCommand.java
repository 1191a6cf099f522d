package io.chorus.harness.cli;

import io.chorus.harness.scenario.InvalidScenario;
import io.chorus.harness.scenario.ScenarioError;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.containers.ContainerRuntime;
import io.chorus.harness.stack.containers.ContainerStack;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the local stack in the background, in a new run folder with free ports, and waits "
                    + "until every health check is green.",
            "With --stack containers: starts the compose stack's containers where a Docker engine runs and holds "
                    + "them in the foreground until interrupted; exit 2 at once when no engine is found.",
            "The last line printed is the run folder."
        })
public final class UpCommand implements Callable<Integer> {
    enum StackKind {
        local,
        containers
    }

    @Option(names = "--stack", defaultValue = "local", description = "local or containers (${DEFAULT-VALUE})")
    StackKind stackKind;

    @Option(
            names = "--image-version",
            defaultValue = "latest",
            description = "with --stack containers: the tag of the chorus/<service> images (${DEFAULT-VALUE})")
    String imageVersion;

    /** Where --stack containers looks for a container engine (a test points it at a machine without one). */
    ContainerRuntime containerRuntime = ContainerRuntime.ofThisMachine();

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
    public Integer call() throws InterruptedException {
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
        if (stackKind == StackKind.containers) {
            return holdContainers(checkout, shape.withLinks(StackShape.DIRECT));
        }
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

    /**
     * The containers stack lives as long as this process (Testcontainers removes its containers when the process
     * ends): it is held in the foreground, and Ctrl-C brings it down.
     */
    private int holdContainers(Checkout checkout, StackShape shape) throws InterruptedException {
        ContainerStack stack =
                ContainerStack.create(checkout.home.root(), shape, imageVersion, containerRuntime, System.out);
        Thread downOnExit = new Thread(stack::down, "containers-down");
        Runtime.getRuntime().addShutdownHook(downOnExit);
        StackDescription description = stack.up();
        System.out.println("gateway " + description.gateway().url() + " (WebSocket "
                + description.gateway().ws() + "); the stack runs until this process is interrupted (Ctrl-C)");
        System.out.println(description.runDir());
        new CountDownLatch(1).await();
        return 0;
    }
}
