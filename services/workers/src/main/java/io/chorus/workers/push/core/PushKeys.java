package io.chorus.workers.push.core;

import java.util.UUID;

/**
 * The idempotency key of one notification (decision 0202): the message and the device. A key is recorded once the
 * provider accepted the notification, and a notification whose key is recorded is never sent again, so a redelivered
 * event does not notify twice. A valid KV key: the message id's hex and the device id, joined by a dot-free
 * separator.
 */
public final class PushKeys {
    private PushKeys() {}

    public static String of(UUID messageId, String deviceId) {
        return messageId.toString() + "_" + deviceId;
    }
}
