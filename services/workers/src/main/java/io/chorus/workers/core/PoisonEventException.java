package io.chorus.workers.core;

/** An event that can never be processed, however often it is delivered: it goes to the dead-letter stream at once. */
public class PoisonEventException extends Exception {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
