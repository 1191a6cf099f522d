package io.chorus.harness.workload;

import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.HistoryMessage;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.client.SearchQuery;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.OperationFail;
import io.chorus.harness.history.OperationInvoke;
import io.chorus.harness.history.OperationOk;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.scenario.MixOperation;
import io.chorus.harness.scenario.Phase;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a phase's {@code mix} beside its sends (decision 0255): each operation at its own rate, open model (every
 * arrival is due at its intended time, whatever the answers do), on a small pool of threads with the typed client.
 * Each is an {@link OperationInvoke} and exactly one {@link OperationOk} or {@link OperationFail} in the history, as
 * sends are. What the operations act on comes from {@link MixState}: messages the history reads returned, channels
 * the users are in, channels the mix made them join.
 */
public final class OperationMix implements AutoCloseable {
    private static final List<String> EMOJIS = List.of("+1", "tada", "eyes", "heart", "rocket");
    private static final int WORKERS = 12;

    private final MixState state;
    private final ChorusClient client;
    private final OnlineFleet fleet;
    private final HistoryWriter history;
    private final RunClock clock;
    private final String phase;
    private final SplittableRandom random;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("mix-timer"));
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemon("mix-op"));
    private final AtomicLong serial = new AtomicLong();

    private OperationMix(
            MixState state,
            ChorusClient client,
            OnlineFleet fleet,
            HistoryWriter history,
            RunClock clock,
            String phase,
            long seed) {
        this.state = state;
        this.client = client;
        this.fleet = fleet;
        this.history = history;
        this.clock = clock;
        this.phase = phase;
        this.random = new SplittableRandom(seed);
    }

    /** Starts the phase's mix now, for the phase's duration; nothing when the phase has no mix. */
    public static OperationMix start(
            Phase phase,
            MixState state,
            ChorusClient client,
            OnlineFleet fleet,
            HistoryWriter history,
            RunClock clock) {
        OperationMix mix = new OperationMix(
                state,
                client,
                fleet,
                history,
                clock,
                phase.name(),
                state.seed() * 17 + phase.name().hashCode());
        long durationMicros = phase.duration().toNanos() / 1_000;
        long start = clock.nowMicros();
        phase.mix().forEach((op, rate) -> mix.schedule(op, rate, start, durationMicros));
        return mix;
    }

    /** Every arrival of {@code op}, evenly spaced at {@code rate} per second from a random first offset. */
    private void schedule(MixOperation op, double rate, long start, long durationMicros) {
        double every = 1_000_000 / rate;
        double first;
        synchronized (random) {
            first = random.nextDouble() * every;
        }
        for (double at = first; at < durationMicros; at += every) {
            long intended = start + (long) at;
            timer.schedule(
                    () -> workers.execute(() -> run(op, intended)),
                    Math.max(0, intended - clock.nowMicros()),
                    TimeUnit.MICROSECONDS);
        }
    }

    /** Waits for the arrivals still due and the operations under way (each bounded by the client's timeout). */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(1, TimeUnit.MINUTES);
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timer.shutdownNow();
            workers.shutdownNow();
        }
    }

    private void run(MixOperation op, long intended) {
        SplittableRandom r;
        synchronized (random) {
            r = random.split();
        }
        switch (op) {
            case HISTORY -> history(r, intended);
            case SEARCH -> search(r, intended);
            case MY_CHANNELS -> myChannels(r, intended);
            case EDIT -> edit(r, intended);
            case DELETE -> delete(r, intended);
            case REACT -> react(r, intended);
            case TYPING -> typing(r, intended);
            case READ -> read(r, intended);
            case MEMBERSHIP -> membership(r, intended);
            case CHURN -> churn(r, intended);
        }
    }

    private void history(SplittableRandom r, long intended) {
        MixState.Seat seat = state.seat(r);
        if (seat == null) {
            return;
        }
        call("history", seat.user(), seat.channel(), null, intended, () -> {
            List<HistoryMessage> messages = client.history(
                            state.token(seat.user()), seat.channel(), HistoryQuery.newest(50))
                    .messages();
            messages.stream()
                    .filter(m -> !m.deleted() && m.text() != null)
                    .forEach(m -> state.offer(
                            new MixState.Seen(seat.channel(), m.id(), m.authorId(), seat.user(), m.text())));
        });
    }

    private void search(SplittableRandom r, long intended) {
        MixState.Seen seen = state.message(r, false);
        if (seen == null) {
            return;
        }
        String word = seen.word(r);
        call("search", seen.reader(), seen.channel(), word, intended, () -> {
            client.search(
                    state.token(seen.reader()),
                    SearchQuery.of(word).inChannel(seen.channel()).limit(20));
        });
    }

    private void myChannels(SplittableRandom r, long intended) {
        String user = state.onlineUser(r);
        if (user == null) {
            return;
        }
        call("my_channels", user, null, null, intended, () -> {
            client.myChannels(state.token(user), null, 50);
        });
    }

    private void edit(SplittableRandom r, long intended) {
        MixState.Seen seen = state.message(r, false);
        if (seen == null) {
            return;
        }
        call("edit", seen.author(), seen.channel(), seen.messageId(), intended, () -> {
            client.editMessage(
                    state.token(seen.author()), seen.channel(), seen.messageId(), "edited " + seen.messageId());
        });
    }

    private void delete(SplittableRandom r, long intended) {
        MixState.Seen seen = state.message(r, true);
        if (seen == null) {
            return;
        }
        call("delete", seen.author(), seen.channel(), seen.messageId(), intended, () -> {
            client.deleteMessage(state.token(seen.author()), seen.channel(), seen.messageId());
        });
    }

    private void react(SplittableRandom r, long intended) {
        MixState.Seen seen = state.message(r, false);
        if (seen == null) {
            return;
        }
        String emoji = EMOJIS.get(r.nextInt(EMOJIS.size()));
        call("react", seen.reader(), seen.channel(), seen.messageId() + "/" + emoji, intended, () -> {
            client.addReaction(state.token(seen.reader()), seen.channel(), seen.messageId(), emoji);
            state.reacted(seen, emoji);
        });
    }

    private void typing(SplittableRandom r, long intended) {
        MixState.Seat seat = state.seat(r);
        if (seat == null) {
            return;
        }
        call("typing", seat.user(), seat.channel(), null, intended, () -> {
            client.typing(state.token(seat.user()), seat.channel());
        });
    }

    private void read(SplittableRandom r, long intended) {
        MixState.Seen seen = state.message(r, false);
        if (seen == null) {
            return;
        }
        call("read", seen.reader(), seen.channel(), seen.messageId(), intended, () -> {
            client.markRead(state.token(seen.reader()), seen.channel(), seen.messageId());
            state.marked(seen.reader(), seen.channel());
        });
    }

    /** A leave of the oldest channel the mix joined a while ago, else a join of one the user is not in. */
    private void membership(SplittableRandom r, long intended) {
        Optional<MixState.Seat> joined = state.takeJoined(clock.nowMicros());
        if (joined.isPresent()) {
            MixState.Seat seat = joined.get();
            call("leave", seat.user(), seat.channel(), seat.user(), intended, () -> {
                client.removeMember(state.token(seat.user()), seat.channel(), seat.user());
            });
            return;
        }
        MixState.Join join = state.joinable(r);
        if (join == null) {
            return;
        }
        call("join", join.owner(), join.channel(), join.user(), intended, () -> {
            client.addMembers(state.token(join.owner()), join.channel(), List.of(join.user()), "member");
            state.joined(new MixState.Seat(join.user(), join.channel()), clock.nowMicros());
        });
    }

    /** Drops a ready socket without a close handshake: the fleet reconnects it with its resume token. */
    private void churn(SplittableRandom r, long intended) {
        String id = nextId();
        AtomicReference<String> user = new AtomicReference<>();
        long invoked = clock.nowMicros();
        fleet.dropOne(r.nextLong()).ifPresent(user::set);
        if (user.get() != null) {
            history.append(new OperationInvoke(id, "churn", user.get(), null, null, phase, intended, invoked));
            history.append(new OperationOk(id, clock.nowMicros()));
        }
    }

    /** One operation: its invoke, then its ok when {@code action} returns, its fail when refused or unanswered. */
    private void call(String op, String user, String channel, String target, long intended, Runnable action) {
        String id = nextId();
        history.append(new OperationInvoke(id, op, user, channel, target, phase, intended, clock.nowMicros()));
        try {
            action.run();
            history.append(new OperationOk(id, clock.nowMicros()));
        } catch (ApiException refused) {
            history.append(new OperationFail(
                    id,
                    refused.status(),
                    refused.code() == null ? "http-" + refused.status() : refused.code(),
                    clock.nowMicros()));
        } catch (UncheckedIOException | IllegalStateException unanswered) {
            history.append(new OperationFail(id, 0, "no-answer", clock.nowMicros()));
        }
    }

    private String nextId() {
        return phase + "-" + serial.incrementAndGet();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
