package io.chorus.harness.workload;

import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.stack.StackDescription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

/**
 * A small population for the workload's tests and benchmark, seeded the way the real seeder will: the plan's
 * channels and memberships through {@code POST /v1/admin/import}, then waiting until the command side authorises
 * the members (a harmless typing probe answers 202). Not the {@code Seeder} of {@code harness run}.
 */
final class TestPopulation {

    private TestPopulation() {}

    static Seeder.Seeded tokens(StackDescription stack) {
        DevelopmentTokens tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        Map<String, String> issued = new ConcurrentHashMap<>();
        return user -> issued.computeIfAbsent(user, u -> tokens.issue(u, false, Duration.ofHours(2)));
    }

    static void seed(StackDescription stack, PopulationPlan plan, MembershipShape shape) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (long c = 0; c < shape.channels(); c++) {
            List<String> of = members.computeIfAbsent(PopulationPlan.channel(shape.group(), c), k -> new ArrayList<>());
            plan.forEachMember(shape.group(), c, u -> of.add(PopulationPlan.user(u)));
        }
        seed(stack, members);
    }

    /**
     * Seeds private channels with the named members (channel id to user ids), for a test whose users must be in no
     * other test's channels: the IT classes share one stack, and the plan's users ({@code u0}, ...) are in every
     * class's population.
     */
    static void seed(StackDescription stack, Map<String, List<String>> members) {
        StringBuilder ndjson = new StringBuilder();
        members.forEach((channel, users) -> {
            ndjson.append("{\"type\":\"channel\",\"id\":\"")
                    .append(channel)
                    .append("\",\"name\":\"")
                    .append(channel)
                    .append("\",\"kind\":\"private\",\"createdBy\":\"workload-test\"}\n");
            users.forEach(user -> ndjson.append("{\"type\":\"membership\",\"channelId\":\"")
                    .append(channel)
                    .append("\",\"userId\":\"")
                    .append(user)
                    .append("\"}\n"));
        });
        DevelopmentTokens tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        ChorusClient client = ChorusClient.of(stack);
        client.bulkImport(
                tokens.issue("root", true, Duration.ofMinutes(5)),
                ndjson.toString().getBytes(StandardCharsets.UTF_8));
        members.forEach((channel, users) -> eventually(
                Duration.ofSeconds(60),
                () -> client.raw(
                                ChorusClient.Service.COMMAND,
                                "POST",
                                "/v1/channels/" + channel + "/typing",
                                tokens.issue(users.get(users.size() - 1), false, Duration.ofMinutes(5)),
                                null)
                        .status(),
                status -> status == 202,
                channel));
    }

    private static void eventually(Duration deadline, IntSupplier read, IntPredicate condition, String what) {
        Instant end = Instant.now().plus(deadline);
        int last = read.getAsInt();
        while (!condition.test(last)) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException(what + ": not ready within " + deadline + "; last status " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = read.getAsInt();
        }
    }
}
