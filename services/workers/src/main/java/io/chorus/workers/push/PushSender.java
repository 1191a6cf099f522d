package io.chorus.workers.push;

import io.chorus.workers.push.core.Notification;
import io.chorus.workers.push.core.ProviderResult;
import java.util.concurrent.CompletableFuture;

/** One provider's client: sends a notification and reports the provider's answer (never fails the future). */
public interface PushSender extends AutoCloseable {
    CompletableFuture<ProviderResult> send(Notification notification);

    @Override
    default void close() {}
}
