package io.chorus.common.nats;

/** A service configuration with a NATS block: hands its factory to the {@link NatsBundle}. */
public interface NatsConfiguration {
    NatsFactory getNats();
}
