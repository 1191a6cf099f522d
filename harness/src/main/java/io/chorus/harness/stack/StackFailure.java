package io.chorus.harness.stack;

/** The stack could not be brought up; the message says which component and why (with the tail of its log). */
public class StackFailure extends RuntimeException {
    public StackFailure(String message) {
        super(message);
    }

    public StackFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
