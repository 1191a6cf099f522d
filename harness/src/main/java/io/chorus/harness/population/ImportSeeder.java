package io.chorus.harness.population;

import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Seeds a population through the Command Service's bulk import ({@code POST /v1/admin/import}), the same event
 * path production data takes: every user, then per channel its {@code channel} line (created by its first member,
 * who becomes its owner) and a {@code membership} line per other member, cut into NDJSON requests. Then it waits
 * until, for the last channel of every group, the {@code permissions} KV holds its last membership and the Query
 * API counts all of its members: the meta-writer applies events in stream order, so the last one applied means
 * every earlier one was.
 *
 * <p>Idempotent: the import's events carry deterministic {@code Nats-Msg-Id}s and the meta-writer inserts first,
 * so seeding the same plan twice neither fails nor adds a member. A request the stack refuses (4xx) fails the seed
 * with the batch's line range and the server's error; a 5xx or a dropped connection is retried twice.
 */
public final class ImportSeeder implements Seeder {
    static final String ADMIN = "harness-seeder";
    private static final int ATTEMPTS = 3;

    private final PrintStream out;
    private final int linesPerRequest;

    public ImportSeeder(PrintStream out) {
        this(out, 50_000);
    }

    ImportSeeder(PrintStream out, int linesPerRequest) {
        this.out = out;
        this.linesPerRequest = linesPerRequest;
    }

    /** The last channel of a group, its last member and how many members it has (owner included). */
    record LastMembership(String channel, String member, long members) {}

    @Override
    public Seeded seed(PopulationPlan plan, StackDescription stack) {
        SeededUsers users = new SeededUsers(stack.auth().hmacSecret());
        String admin = users.adminToken(ADMIN);
        // a request of 50,000 lines is written before its 202: minutes on a loaded machine
        ChorusClient client = ChorusClient.of(stack).withTimeout(Duration.ofMinutes(15));
        long start = System.nanoTime();
        ImportBatches batches = new ImportBatches(linesPerRequest, batch -> post(client, admin, batch));
        List<LastMembership> lasts = write(plan, batches);
        int requests = batches.finish();
        out.printf(
                "imported %,d lines in %d request(s) in %.1f s; waiting until the last membership of each group "
                        + "is applied%n",
                batches.lines(), requests, seconds(start));
        awaitApplied(lasts, stack, client, users, settleTimeout(batches.lines()));
        out.printf(
                "population applied (permissions KV and Query API) %.1f s after the import started%n", seconds(start));
        return users;
    }

    private static List<LastMembership> write(PopulationPlan plan, ImportBatches batches) {
        for (long u = 0; u < plan.users(); u++) {
            String user = PopulationPlan.user(u);
            batches.line("{\"type\":\"user\",\"id\":\"" + user + "\",\"displayName\":\"User " + u + "\"}");
        }
        List<LastMembership> lasts = new ArrayList<>();
        for (MembershipShape shape : plan.shapes()) {
            LastMembership last = null;
            for (long c = 0; c < shape.channels(); c++) {
                last = writeChannel(plan, shape.group(), c, batches);
            }
            lasts.add(last);
        }
        return lasts;
    }

    private static LastMembership writeChannel(PopulationPlan plan, String group, long index, ImportBatches batches) {
        String channel = PopulationPlan.channel(group, index);
        long creator = plan.firstMember(group, index);
        batches.line("{\"type\":\"channel\",\"id\":\"" + channel + "\",\"name\":\"" + channel
                + "\",\"kind\":\"private\",\"createdBy\":\"" + PopulationPlan.user(creator) + "\"}");
        long[] count = {1};
        long[] last = {creator};
        plan.forEachMember(group, index, u -> {
            if (u != creator) {
                batches.line("{\"type\":\"membership\",\"channelId\":\"" + channel + "\",\"userId\":\""
                        + PopulationPlan.user(u) + "\"}");
                count[0]++;
                last[0] = u;
            }
        });
        return new LastMembership(channel, PopulationPlan.user(last[0]), count[0]);
    }

    private void post(ChorusClient client, String admin, ImportBatches.Batch batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.bulkImport(admin, batch.body());
                return;
            } catch (ApiException refused) {
                if (refused.status() < 500 || attempt == ATTEMPTS) {
                    throw new IllegalStateException("the import refused " + batch + ": " + refused.response(), refused);
                }
            } catch (UncheckedIOException e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("the import of " + batch + " failed: " + e.getMessage(), e);
                }
            }
            out.printf("import of %s: attempt %d failed, retrying (the import is idempotent)%n", batch, attempt);
        }
    }

    /** Two minutes, plus a second per 1,000 lines: the meta-writer applies some thousands of memberships a second. */
    static Duration settleTimeout(long lines) {
        return Duration.ofMinutes(2).plusSeconds(lines / 1_000);
    }

    private void awaitApplied(
            List<LastMembership> lasts,
            StackDescription stack,
            ChorusClient client,
            SeededUsers users,
            Duration timeout) {
        List<LastMembership> pending = new ArrayList<>(lasts);
        try (Connection nats = Nats.connect(new Options.Builder()
                .servers(stack.nats().urls().toArray(String[]::new))
                .connectionName("harness-seeder")
                .build())) {
            KeyValue permissions = nats.keyValue(PermissionsBucket.NAME);
            Poll.until(
                    () -> "the population applied; still pending (channel, last member, members): " + pending,
                    timeout,
                    () -> {
                        for (Iterator<LastMembership> it = pending.iterator(); it.hasNext(); ) {
                            if (applied(it.next(), permissions, client, users)) {
                                it.remove();
                            }
                        }
                        return pending.isEmpty();
                    });
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot reach NATS to check the permissions KV", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean applied(LastMembership last, KeyValue permissions, ChorusClient client, SeededUsers users) {
        try {
            if (permissions.get(PermissionsBucket.membershipKey(last.channel(), last.member())) == null) {
                return false;
            }
        } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
            return false; // a NATS hiccup: ask again at the next poll
        }
        try {
            return client.channel(users.tokenFor(last.member()), last.channel()).memberCount() == last.members();
        } catch (ApiException | UncheckedIOException notYet) {
            return false; // the Query Service did not answer this time: ask again at the next poll
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
