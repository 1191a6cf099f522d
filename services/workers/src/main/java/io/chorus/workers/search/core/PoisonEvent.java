package io.chorus.workers.search.core;

/** An event that can never be indexed however often it is delivered: it goes to the dead-letter stream. */
public class PoisonEvent extends Exception {
    public PoisonEvent(String message) {
        super(message);
    }

    public PoisonEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
