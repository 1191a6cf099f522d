package io.chorus.harness.run;

import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.harness.Poll;
import io.chorus.harness.bots.IntegrationPosts;
import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.checker.WebhookCheckResult;
import io.chorus.harness.checker.WebhookChecker;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.Nemesis;
import io.chorus.harness.nemesis.ReceiverNemesis;
import io.chorus.harness.nemesis.SplitNemesis;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.WebhooksSpec;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.webhook.ReceiverFleet;
import io.chorus.harness.webhook.WebhookRegistrations;
import io.chorus.harness.workload.LiveCounters;
import io.chorus.harness.workload.SendRecorder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The webhook part of a run with a {@code webhooks:} section (issue 20): the receiver fleet started and registered
 * before the load, its faults routed to the fleet's nemesis, the incoming webhook and the bot posting during the
 * load, and after it a drain in which the owner redelivers every dead letter until each event reached each endpoint
 * (or the section's {@code drain} passed), judged by {@link WebhookChecker}. Closing it stops the posts and the fleet.
 */
final class WebhookRun implements AutoCloseable {
    static final String PHASE = "integrations";
    private static final Duration READY = Duration.ofMinutes(1);
    private static final Duration REDELIVER_EVERY = Duration.ofSeconds(3);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final String ADMIN = "harness-webhooks";

    private final WebhooksSpec spec;
    private final ReceiverFleet fleet;
    private final WebhookRegistrations registrations;
    private final IntegrationPosts posts;
    private final RunClock clock;

    private WebhookRun(
            WebhooksSpec spec,
            ReceiverFleet fleet,
            WebhookRegistrations registrations,
            IntegrationPosts posts,
            RunClock clock) {
        this.spec = spec;
        this.fleet = fleet;
        this.registrations = registrations;
        this.posts = posts;
        this.clock = clock;
    }

    /** Starts the fleet, registers it and makes the integrations; null without a section. */
    static WebhookRun prepare(
            WebhooksSpec spec,
            StackDescription stack,
            PopulationPlan plan,
            Seeder.Seeded users,
            RunClock clock,
            PrintStream out) {
        if (spec == null) {
            return null;
        }
        ChorusClient client = ChorusClient.of(stack);
        String admin = new DevelopmentTokens(stack.auth().hmacSecret()).issue(ADMIN, true, Duration.ofHours(12));
        String registrar = registrar(plan, spec).map(users::tokenFor).orElse(admin);
        ReceiverFleet fleet = ReceiverFleet.start(spec.endpoints(), clock);
        try {
            WebhookRegistrations registrations = new WebhookRegistrations(client::raw, registrar, spec);
            registrations.register(fleet);
            Poll.until("every webhook registration listed", READY, registrations::allListed);
            String owner = users.tokenFor(PopulationPlan.user(plan.firstMember(spec.group(), 0)));
            IntegrationPosts posts = IntegrationPosts.prepare(client::raw, spec, owner, admin, READY);
            out.printf(
                    "webhooks: %d receivers registered for %d channel(s) of %s; incoming %.1f/s, bot %.1f/s%n",
                    spec.endpoints(), spec.channels(), spec.group(), spec.incomingPerSecond(), spec.botPerSecond());
            return new WebhookRun(spec, fleet, registrations, posts, clock);
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /**
     * Who registers the webhooks: the owner of every channel they serve when one user owns them all (the channel's
     * first member in the plan), otherwise nobody, and a platform admin does it.
     */
    static java.util.Optional<String> registrar(PopulationPlan plan, WebhooksSpec spec) {
        Set<Long> owners = new HashSet<>();
        for (int i = 0; i < spec.channels(); i++) {
            owners.add(plan.firstMember(spec.group(), i));
        }
        return owners.size() == 1
                ? java.util.Optional.of(PopulationPlan.user(owners.iterator().next()))
                : java.util.Optional.empty();
    }

    /** The run's nemesis: webhook faults on the fleet, the others on the stack's (made only when there are some). */
    Function<StackDescription, Nemesis> nemesis(Function<StackDescription, Nemesis> stackNemeses, FaultSchedule s) {
        boolean stackFaults = s.faults().stream().anyMatch(f -> !f.kind().isWebhookFault());
        return d -> new SplitNemesis(new ReceiverNemesis(fleet, clock), stackFaults ? stackNemeses.apply(d) : null);
    }

    /** The integrations post from the load's first send until {@link #stopPosts}. */
    void startPosts(HistoryWriter history, LiveCounters live) {
        SendRecorder recorder = new SendRecorder(history, clock, live, PHASE);
        live.firstSend().thenRun(() -> posts.start(recorder, clock));
    }

    void stopPosts() {
        posts.close();
    }

    /**
     * Waits until every acknowledged message of the served channels reached every endpoint that wants it, the owner
     * redelivering dead letters meanwhile, or until the section's {@code drain}; then the checker's verdict.
     */
    WebhookCheckResult drainAndCheck(History history, StoreListing store, PrintStream out) {
        List<WebhookChecker.SentEvent> events = SentEvents.of(history, store, spec);
        List<FaultWindow> windows = history.of(FaultWindow.class).toList();
        WebhookChecker checker =
                new WebhookChecker(registrations.subscriptions(), events, windows, Set.of(), spec.maxDuplicates());
        Set<String> redelivered = new HashSet<>();
        out.println("waiting for every webhook to reach every endpoint");
        // a check reads every receiver's record: once a second, not at Poll's pace, so the drain leaves the
        // machine's cores to the dispatcher it is waiting for
        long deadline = System.nanoTime() + spec.drain().toNanos();
        long nextRedelivery = System.nanoTime();
        while (true) {
            if (System.nanoTime() - nextRedelivery >= 0) {
                redelivered.addAll(registrations.redeliverFailures());
                nextRedelivery = System.nanoTime() + REDELIVER_EVERY.toNanos();
            }
            if (checker.withRedelivered(Set.copyOf(redelivered))
                            .check(fleet.deliveries())
                            .lost()
                    == 0) {
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                out.println("webhooks: not every event reached every endpoint within "
                        + spec.drain().toSeconds() + " s");
                break;
            }
            Poll.pause(CHECK_EVERY);
        }
        WebhookCheckResult result =
                checker.withRedelivered(Set.copyOf(redelivered)).check(fleet.deliveries());
        out.printf(
                "webhooks: %d expected, %d lost, %d duplicates, %d bad signatures, %d out of order, %d excused,"
                        + " %d redelivered%n",
                result.expected(),
                result.lost(),
                result.duplicates(),
                result.badSignatures(),
                result.outOfOrder(),
                result.excused(),
                redelivered.size());
        return result;
    }

    /** Whether {@code sender} is one of the integrations (no user who could read the store). */
    static boolean isIntegration(String sender) {
        return sender.startsWith("hook_") || sender.startsWith("bot_");
    }

    @Override
    public void close() {
        try {
            posts.close();
        } finally {
            fleet.close();
        }
    }

    /**
     * The events the checker expects: each acknowledged message in a served channel, per channel in stream order
     * (the {@code seq} an online member's socket received it with), which is the order the dispatcher reads; a
     * message no socket received comes after those, in the store's order. Neither send nor acknowledgement order
     * will do: two sends to one channel in flight at once are published either way round, and the store orders by
     * message id, which the command service makes before it publishes.
     */
    static final class SentEvents {
        private SentEvents() {}

        static List<WebhookChecker.SentEvent> of(History history, StoreListing store, WebhooksSpec spec) {
            Set<String> served = Set.copyOf(spec.channelIds());
            if (!spec.events().contains("message.created")) {
                return List.of(); // the workload makes messages only
            }
            java.util.Map<String, String> acked = new java.util.HashMap<>(); // clientMsgId -> messageId
            history.of(SendOk.class).forEach(ok -> acked.put(ok.clientMsgId(), ok.messageId()));
            java.util.Map<String, Long> seq = new java.util.HashMap<>(); // messageId -> stream sequence
            history.of(Receipt.class).forEach(r -> seq.putIfAbsent(r.messageId(), r.seq()));
            java.util.Map<String, Integer> position = new java.util.HashMap<>();
            List<StoreListing.StoredMessage> stored = store.messages();
            for (int i = 0; i < stored.size(); i++) {
                StoreListing.StoredMessage m = stored.get(i);
                position.putIfAbsent(m.channel() + "/" + m.clientMsgId(), stored.size() - i); // newest first
            }
            return history.of(SendInvoke.class)
                    .filter(i -> served.contains(i.channel()) && acked.containsKey(i.clientMsgId()))
                    .map(i -> new Ordered(
                            seq.getOrDefault(acked.get(i.clientMsgId()), Long.MAX_VALUE),
                            position.getOrDefault(i.channel() + "/" + i.clientMsgId(), Integer.MAX_VALUE),
                            new WebhookChecker.SentEvent(i.channel(), i.clientMsgId(), "message.created", i.time())))
                    .sorted(java.util.Comparator.comparingLong(Ordered::seq).thenComparingInt(Ordered::position))
                    .map(Ordered::event)
                    .toList();
        }

        private record Ordered(long seq, int position, WebhookChecker.SentEvent event) {}
    }
}
