package io.chorus.common.nats.worker;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Retries work in place, by the {@link RetryPolicy}: the worker keeps the messages (their ack deadline kept alive
 * by the caller's {@link Observer#retrying} heartbeat) and tries again after the policy's delay, so nothing behind
 * them is applied meanwhile. That is how a worker keeps order through an outage: a nak would let JetStream deliver
 * later events of the same channel before the failed one comes back.
 */
public final class InPlaceRetry {
    /** One try of the work. */
    public interface Step<T> {
        void apply(T item) throws Exception;
    }

    /** Hears how each item ends. */
    public interface Observer<T> {
        void applied(T item);

        /** The policy gave up on the item (poison, or refused for its whole budget): the caller dead-letters it. */
        void gaveUp(T item, FailureKind kind, Exception failure);

        /** The {@code attempt}-th try failed and the item will be tried again after {@code delay}. */
        void retrying(T item, long attempt, Duration delay, Exception failure);
    }

    /** Waits between attempts; a test passes one that records instead of sleeping. */
    public interface Pause {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Function<Exception, FailureKind> classify;
    private final Pause pause;
    private final BooleanSupplier running;

    public InPlaceRetry(
            RetryPolicy policy, Function<Exception, FailureKind> classify, Pause pause, BooleanSupplier running) {
        this.policy = policy;
        this.classify = classify;
        this.pause = pause;
        this.running = running;
    }

    public static InPlaceRetry sleeping(
            RetryPolicy policy, Function<Exception, FailureKind> classify, BooleanSupplier running) {
        return new InPlaceRetry(policy, classify, delay -> Thread.sleep(delay.toMillis()), running);
    }

    /**
     * Applies the items one after another, each tried until it is applied or the policy gives up on it; a later item
     * is not tried while an earlier one is being retried. Answers false when the worker stopped first: the items not
     * yet settled stay unacked and JetStream delivers them again, in order.
     */
    public <T> boolean eachInOrder(List<T> items, Step<T> step, Observer<T> observer) throws InterruptedException {
        for (T item : items) {
            if (!untilSettled(item, step, observer)) {
                return false;
            }
        }
        return true;
    }

    /** Tries one item until it is applied or given up; false when the worker stopped first. */
    public <T> boolean untilSettled(T item, Step<T> step, Observer<T> observer) throws InterruptedException {
        for (long attempt = 1; running.getAsBoolean(); attempt++) {
            try {
                step.apply(item);
                observer.applied(item);
                return true;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception failure) {
                FailureKind kind = classify.apply(failure);
                if (policy.judge(kind, attempt) instanceof RetryPolicy.Retry retry) {
                    observer.retrying(item, attempt, retry.delay(), failure);
                    pause.sleep(retry.delay());
                } else {
                    observer.gaveUp(item, kind, failure);
                    return true;
                }
            }
        }
        return false;
    }
}
