package io.chorus.harness.sim;

/**
 * The fixed times on the chat paths that cost no CPU of the machine modelled (network round trips, waits for a
 * replica's acknowledgement), in seconds. No run measures them yet: the history times a send from its intended time
 * to the 202 and a delivery to the frame, never a hop, and the services keep no timer per hop (decision 0233).
 *
 * @param pubAck        on the send path: the HTTP round trip to the command service and JetStream's replication
 *     round trip before the PubAck (the nodes' CPU is modelled apart)
 * @param fanoutHop     from the stored message to the fan-out partition's pull
 * @param instanceWrite from the fan-out's publish, through a NATS node, to the notification instance and over the
 *     socket to the member
 */
public record Hops(double pubAck, double fanoutHop, double instanceWrite) {
    /**
     * One machine, every hop over loopback: a loopback round trip is some tens of microseconds; the PubAck is two of
     * them (client to leader, leader to a follower and back) and the HTTP one, the delivery two (through a NATS node,
     * then the socket). Assumed, not measured; small beside the CPU waits of a shared machine.
     */
    public static final Hops LOOPBACK = new Hops(0.0002, 0.0001, 0.0002);

    /** No fixed delay at all: the CPU-only model. */
    public static final Hops NONE = new Hops(0, 0, 0);

    public Hops {
        if (!(pubAck >= 0 && fanoutHop >= 0 && instanceWrite >= 0)) {
            throw new IllegalArgumentException(
                    "hop delays cannot be negative: " + pubAck + ", " + fanoutHop + ", " + instanceWrite);
        }
    }
}
