package io.chorus.common.events;

/**
 * An event that can never be processed however often it is delivered (undecodable, or invalid by the rules of the
 * consumer that reads it): a pull worker dead-letters it at once instead of retrying it (decision 0120).
 */
public class PoisonEvent extends Exception {
    public PoisonEvent(String message) {
        super(message);
    }

    public PoisonEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
