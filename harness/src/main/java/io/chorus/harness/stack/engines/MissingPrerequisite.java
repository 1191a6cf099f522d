package io.chorus.harness.stack.engines;

/** Something the machine lacks and the harness cannot install by itself; the message says what to install. */
public class MissingPrerequisite extends RuntimeException {
    public MissingPrerequisite(String message) {
        super(message);
    }
}
