package io.chorus.harness.cli;

import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackShape;
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

    @Override
    public Integer call() {
        Checkout checkout = new Checkout(System.out);
        checkout.cleanOrphans();
        StackShape shape = new StackShape(
                StackShape.DEFAULT.natsNodes(),
                StackShape.DEFAULT.cassandraNodes(),
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                StackShape.PROXIED);
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
}
