package io.chorus.notification.core;

import java.util.function.Consumer;

/** The socket side of a session: one text frame at a time, asynchronously; and closing with a code. */
public interface Outbound {
    /** Sends a frame; {@code done} runs once with null or the failure, possibly on the calling thread. */
    void send(String frame, Consumer<Throwable> done);

    void close(int code, String reason);
}
