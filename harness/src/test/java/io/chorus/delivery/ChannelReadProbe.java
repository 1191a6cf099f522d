package io.chorus.delivery;

import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.nio.file.Path;

/**
 * Where a big user's connect spends its time reading channels: times reading a user's keys from the
 * {@code permissions} KV two ways (jnats {@code keys(filter)}: an ordered push consumer; an ordered pull consumer
 * fetching in batches without waiting) against a running stack. A measuring tool, not a test:
 * {@code java -cp harness/target/test-classes:harness/target/harness.jar io.chorus.delivery.ChannelReadProbe RUN_DIR USER [ROUNDS]}.
 */
public final class ChannelReadProbe {
    private ChannelReadProbe() {}

    public static void main(String[] args) throws Exception {
        StackDescription stack = new RunFolder(Path.of(args[0])).read().orElseThrow();
        String user = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (Connection nats = Nats.connect(new Options.Builder()
                .servers(stack.nats().urls().toArray(String[]::new))
                .build())) {
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                int viaKeys = nats.keyValue(PermissionsBucket.NAME)
                        .keys(PermissionsBucket.membershipsOf(user))
                        .size();
                long keys = System.nanoTime();
                int viaFetch = fetch(nats, user);
                long fetched = System.nanoTime();
                System.out.printf(
                        "keys(filter): %d keys in %d ms; ordered fetch: %d keys in %d ms%n",
                        viaKeys, (keys - start) / 1_000_000, viaFetch, (fetched - keys) / 1_000_000);
            }
        }
    }

    static int fetch(Connection nats, String user) throws Exception {
        OrderedConsumerContext reader = nats.getStreamContext(PermissionsBucket.STREAM)
                .createOrderedConsumer(new OrderedConsumerConfiguration()
                        .filterSubject(PermissionsBucket.SUBJECT_PREFIX + PermissionsBucket.membershipsOf(user))
                        .deliverPolicy(DeliverPolicy.LastPerSubject)
                        .headersOnly(true));
        int count = 0;
        while (true) {
            int inBatch = 0;
            long pending = -1;
            try (FetchConsumer batch = reader.fetch(
                    FetchConsumeOptions.builder().maxMessages(10_000).noWait().build())) {
                Message m;
                while ((m = batch.nextMessage()) != null) {
                    inBatch++;
                    pending = m.metaData().pendingCount();
                    String op = m.getHeaders() == null ? null : m.getHeaders().getFirst("KV-Operation");
                    if (op == null) {
                        count++;
                    }
                }
            }
            if (inBatch < 10_000 || pending == 0) {
                return count;
            }
        }
    }
}
