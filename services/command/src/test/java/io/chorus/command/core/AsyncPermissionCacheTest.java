package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link BoundedPermissionCache#over}: the bounded cache in front of lookups that answer later (decision 0063). */
class AsyncPermissionCacheTest {
    private static final long BOUND = Duration.ofSeconds(1).toNanos();

    /**
     * A bucket whose reads answer when the test says so, with the bucket's value at that moment or, when asked
     * ({@link #answerAsAsked}), the value it had when the read was asked (a reply that was long on its way).
     */
    private static final class SlowBucket implements PermissionLookups {
        final Map<String, String> values = new HashMap<>();
        final List<Runnable> unanswered = new ArrayList<>();
        final List<Runnable> asAsked = new ArrayList<>();
        int reads;

        @Override
        public CompletionStage<Optional<String>> role(String channelId, String userId) {
            return read(channelId + "." + userId);
        }

        @Override
        public CompletionStage<Optional<String>> kind(String channelId) {
            return read(channelId);
        }

        private CompletionStage<Optional<String>> read(String key) {
            reads++;
            CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
            unanswered.add(() -> answer.complete(Optional.ofNullable(values.get(key))));
            Optional<String> then = Optional.ofNullable(values.get(key));
            asAsked.add(() -> answer.complete(then));
            return answer;
        }

        void answer(int index) {
            asAsked.remove(index);
            unanswered.remove(index).run();
        }

        void answerAsAsked(int index) {
            unanswered.remove(index);
            asAsked.remove(index).run();
        }
    }

    private final AtomicLong clock = new AtomicLong();
    private final SlowBucket bucket = new SlowBucket();
    private final BoundedPermissionCache cache =
            new BoundedPermissionCache(null, Duration.ofNanos(BOUND), 100, clock::get);
    private final PermissionLookups lookups = cache.over(bucket);

    @Test
    void aHitIsAnAlreadyCompletedStage() {
        bucket.values.put("c.u", "member");
        CompletionStage<Optional<String>> miss = lookups.role("c", "u");
        assertThat(miss.toCompletableFuture()).isNotDone();
        bucket.answer(0);
        assertThat(miss.toCompletableFuture()).isCompletedWithValue(Optional.of("member"));

        CompletionStage<Optional<String>> hit = lookups.role("c", "u");
        assertThat(hit.toCompletableFuture()).isCompletedWithValue(Optional.of("member"));
        assertThat(bucket.reads).isEqualTo(1);
    }

    @Test
    void theEntryIsDatedWhenTheReadWasAskedNotWhenItAnswered() {
        bucket.values.put("c.u", "member");
        CompletionStage<Optional<String>> slow = lookups.role("c", "u");
        clock.set(BOUND - 1);
        bucket.answer(0);
        assertThat(slow.toCompletableFuture()).isCompletedWithValue(Optional.of("member"));
        bucket.values.remove("c.u");
        clock.set(BOUND);
        assertThat(lookups.role("c", "u").toCompletableFuture())
                .as("a bound after the read was asked")
                .isNotDone();
        bucket.answer(0);
        assertThat(lookups.role("c", "u").toCompletableFuture()).isCompletedWithValue(Optional.empty());
    }

    @Test
    void anOlderAnswerLandingLaterDoesNotReplaceANewerOne() {
        bucket.values.put("c.u", "member");
        CompletionStage<Optional<String>> older = lookups.role("c", "u");
        bucket.values.remove("c.u");
        clock.set(10);
        CompletionStage<Optional<String>> newer = lookups.role("c", "u");
        bucket.answer(1);
        bucket.values.put("c.u", "member"); // the older read answers what it saw before the removal
        bucket.answer(0);
        assertThat(newer.toCompletableFuture()).isCompletedWithValue(Optional.empty());
        assertThat(older.toCompletableFuture()).isCompletedWithValue(Optional.of("member"));
        assertThat(lookups.role("c", "u").toCompletableFuture()).isCompletedWithValue(Optional.empty());
    }

    @Test
    void aFailedReadIsNotRemembered() {
        PermissionLookups failing = cache.over(new PermissionLookups() {
            @Override
            public CompletionStage<Optional<String>> role(String channelId, String userId) {
                return CompletableFuture.failedFuture(new IllegalStateException("bucket down"));
            }

            @Override
            public CompletionStage<Optional<String>> kind(String channelId) {
                return role(channelId, "");
            }
        });
        assertThat(failing.kind("c").toCompletableFuture()).isCompletedExceptionally();
        bucket.values.put("c", "public");
        CompletionStage<Optional<String>> next = lookups.kind("c");
        bucket.answer(0);
        assertThat(next.toCompletableFuture()).isCompletedWithValue(Optional.of("public"));
    }

    @Test
    void theSynchronousAndAsynchronousViewsShareTheirEntries() {
        BoundedPermissionCache shared = new BoundedPermissionCache(
                new Permissions() {
                    @Override
                    public Optional<String> role(String channelId, String userId) {
                        return Optional.of("owner");
                    }

                    @Override
                    public Optional<String> kind(String channelId) {
                        return Optional.of("private");
                    }
                },
                Duration.ofNanos(BOUND),
                100,
                clock::get);
        assertThat(shared.role("c", "u")).contains("owner");
        assertThat(shared.over(bucket).role("c", "u").toCompletableFuture()).isCompletedWithValue(Optional.of("owner"));
        assertThat(bucket.reads).isZero();
    }

    /**
     * The security bound (decision 0010) under reads that answer late and out of order: every answer the cache gives
     * is a value the bucket held at some moment within the bound before the answer, and answers given without a
     * read (hits) are never staler than that either. Steps: 0 advance the clock, 1 put, 2 remove, 3 look up,
     * 4 let an outstanding read answer (the {@code arg}-th; with the value it saw when asked when {@code arg} is
     * odd, else with the value it sees now).
     */
    @Test
    void noAnswerIsOlderThanTheBound() {
        qt().forAll(
                        lists().of(integers().between(0, 4)).ofSizeBetween(1, 200),
                        lists().of(integers().between(0, 700)).ofSizeBetween(200, 200))
                .checkAssert((steps, args) -> {
                    AtomicLong now = new AtomicLong();
                    SlowBucket slow = new SlowBucket();
                    PermissionLookups view =
                            new BoundedPermissionCache(null, Duration.ofSeconds(1), 100, now::get).over(slow);
                    // the bucket's history: when each value began to hold (null = not a member)
                    List<long[]> changes = new ArrayList<>();
                    List<String> history = new ArrayList<>();
                    changes.add(new long[] {0});
                    history.add(null);
                    List<CompletableFuture<Void>> checks = new ArrayList<>();
                    for (int i = 0; i < steps.size(); i++) {
                        int arg = args.get(i);
                        switch (steps.get(i)) {
                            case 0 -> now.addAndGet(Duration.ofMillis(arg).toNanos());
                            case 1, 2 -> {
                                String value = steps.get(i) == 1 ? "member" : null;
                                if (value == null) {
                                    slow.values.remove("c.u");
                                } else {
                                    slow.values.put("c.u", value);
                                }
                                changes.add(new long[] {now.get()});
                                history.add(value);
                            }
                            case 3 -> {
                                long askedAt = now.get();
                                checks.add(view.role("c", "u")
                                        .toCompletableFuture()
                                        .thenAccept(answer -> assertHeldWithinBound(
                                                answer.orElse(null), askedAt, now.get(), changes, history)));
                            }
                            default -> {
                                if (!slow.unanswered.isEmpty() && arg % 2 == 1) {
                                    slow.answerAsAsked(arg % slow.unanswered.size());
                                } else if (!slow.unanswered.isEmpty()) {
                                    slow.answer(arg % slow.unanswered.size());
                                }
                            }
                        }
                    }
                    // an assertion inside a stage fails only that stage: join every answered one
                    checks.stream().filter(CompletableFuture::isDone).forEach(CompletableFuture::join);
                });
    }

    /** {@code value} held in the bucket at some moment in (askedAt - bound, answeredAt]. */
    private static void assertHeldWithinBound(
            String value, long askedAt, long answeredAt, List<long[]> changes, List<String> history) {
        long from = askedAt - Duration.ofSeconds(1).toNanos();
        boolean held = false;
        for (int i = 0; i < history.size(); i++) {
            long start = changes.get(i)[0];
            long end = i + 1 < changes.size() ? changes.get(i + 1)[0] : Long.MAX_VALUE;
            // held from its change to (and at) the instant of the next one: several steps share one instant
            boolean overlaps = start <= answeredAt && end > from;
            if (overlaps && java.util.Objects.equals(history.get(i), value)) {
                held = true;
            }
        }
        assertThat(held)
                .as("%s held within the bound before %d", value, askedAt)
                .isTrue();
    }
}
