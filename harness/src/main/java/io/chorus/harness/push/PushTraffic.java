package io.chorus.harness.push;

import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.client.Response;
import io.chorus.harness.history.Addressed;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.PushDevice;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.push.PushPopulation.Conversation;
import io.chorus.harness.push.PushPopulation.Device;
import io.chorus.harness.scenario.PushSpec;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.workload.Arrival;
import io.chorus.harness.workload.LiveCounters;
import io.chorus.harness.workload.SendRecorder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The push side of a scenario run: registers the {@link PushPopulation}'s devices (each recorded as a
 * {@link PushDevice} once the query service lists it), opens the direct channels, and while the phases run sends
 * direct messages and mentions at the scenario's steady rates through the same entry as the workload, each recorded
 * as a send with the users it {@link Addressed addresses}. What the fakes accepted is judged by the push checker.
 */
public final class PushTraffic implements AutoCloseable {
    /** The phase name of these sends in the history. */
    public static final String PHASE = "push";

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(60);

    private final PushSpec spec;
    private final PushPopulation population;
    private final ChorusClient client;
    private final Seeder.Seeded users;
    private final HistoryWriter history;
    private final RunClock clock;
    private final PrintStream out;
    private final AtomicLong sent = new AtomicLong();
    private volatile ScheduledExecutorService ticks; // started on the thread of the load's first send
    private volatile ExecutorService senders;

    public PushTraffic(
            PushSpec spec,
            PushPopulation population,
            StackDescription stack,
            Seeder.Seeded users,
            HistoryWriter history,
            RunClock clock,
            PrintStream out) {
        this.spec = spec;
        this.population = population;
        this.client = ChorusClient.at(
                        stack.commandEntry(), stack.queryEntry(), RateLimitWait.within(Duration.ofSeconds(30)))
                .withTimeout(Duration.ofSeconds(20));
        this.users = users;
        this.history = history;
        this.clock = clock;
        this.out = out;
    }

    /** Makes the fakes know each device's token (expired ones answered "no longer valid"). */
    public void teach(FakePushProviders providers) {
        for (Device d : population.devices()) {
            if (d.expired()) {
                providers.expire(d.platform(), d.token());
            } else {
                providers.allow(d.platform(), d.token());
            }
        }
    }

    /** Registers every device and opens every direct channel; returns when the stack lists them all. */
    public void prepare() {
        out.println("registering " + population.devices().size() + " push devices");
        for (Device d : population.devices()) {
            String body = "{\"platform\":\"" + d.platform() + "\",\"token\":\"" + d.token() + "\",\"appId\":\""
                    + FakePushProviders.appId(d.platform()) + "\"}";
            expect(202, post("/v1/users/me/devices", d.user(), body), "registering a device of " + d.user());
        }
        Map<String, Conversation> channels = new LinkedHashMap<>();
        population.directs().forEach(c -> channels.putIfAbsent(c.channel(), c));
        for (Conversation c : channels.values()) {
            String body =
                    "{\"channelId\":\"" + c.channel() + "\",\"kind\":\"direct\",\"members\":[\"" + c.user() + "\"]}";
            Response r = post("/v1/channels", c.author(), body);
            if (r.status() != 409) {
                expect(202, r, "opening the direct channel " + c.channel());
            }
        }
        for (Device d : population.devices()) {
            Poll.until(
                    APPLIED_WITHIN,
                    () -> get("/v1/users/me/devices", d.user()),
                    r -> r.status() == 200
                            && r.body().contains(d.token().substring(d.token().length() - 6)));
            history.append(new PushDevice(d.user(), d.platform(), d.token(), clock.nowMicros()));
        }
        for (Conversation c : channels.values()) {
            Poll.until(
                    APPLIED_WITHIN,
                    () -> get("/v1/channels/" + c.channel(), c.author()),
                    r -> r.status() == 200 && r.json().path("memberCount").asLong() == 2);
        }
    }

    /** Starts the direct messages and mentions at their rates; each send's intended time is its tick. */
    public synchronized void start(LiveCounters live) {
        ticks = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "push-ticks"));
        senders = Executors.newFixedThreadPool(8, r -> daemon(r, "push-sends"));
        SendRecorder recorder = new SendRecorder(history, clock, live, PHASE);
        String prefix = Long.toString(clock.startMicros(), 36) + "-push-";
        SplittableRandom random = new SplittableRandom(population.devices().size() * 7919L + 17);
        schedule(spec.dmRate(), population.directs(), "dm", prefix, random.split(), recorder);
        schedule(spec.mentionRate(), population.mentions(), "mention", prefix, random.split(), recorder);
    }

    private void schedule(
            double rate,
            List<Conversation> conversations,
            String kind,
            String prefix,
            SplittableRandom random,
            SendRecorder recorder) {
        if (rate <= 0 || conversations.isEmpty()) {
            return;
        }
        long periodMicros = Math.max(1, Math.round(1_000_000 / rate));
        ticks.scheduleAtFixedRate(
                () -> {
                    Conversation c = conversations.get(random.nextInt(conversations.size()));
                    long n = sent.incrementAndGet();
                    String text = (kind.equals("dm") ? "" : "@" + c.user() + " ") + "push " + kind + " " + n;
                    Arrival arrival = new Arrival(0, n, prefix + n, c.channel(), c.author(), clock.nowMicros(), text);
                    senders.execute(() -> send(arrival, c.user(), recorder));
                },
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
    }

    private void send(Arrival arrival, String addressed, SendRecorder recorder) {
        history.append(new Addressed(arrival.clientMsgId(), List.of(addressed), arrival.intended()));
        recorder.invoked(arrival);
        try {
            Response r = post("/v1/channels/" + arrival.channel() + "/messages", arrival.sender(), arrival.body());
            recorder.answered(arrival, r.status(), r.body());
        } catch (RuntimeException e) {
            recorder.unanswered(arrival, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Stops the ticks and waits for the sends in flight; once. */
    public synchronized void stop() {
        if (ticks == null || ticks.isShutdown()) {
            return;
        }
        ticks.shutdownNow();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("push traffic: " + sent.get() + " direct messages and mentions sent");
    }

    @Override
    public void close() {
        stop();
    }

    private Response post(String path, String user, String body) {
        return client.raw(ChorusClient.Service.COMMAND, "POST", path, users.tokenFor(user), body);
    }

    private Response get(String path, String user) {
        return client.raw(ChorusClient.Service.QUERY, "GET", path, users.tokenFor(user), null);
    }

    private static void expect(int status, Response r, String what) {
        if (r.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + r);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
