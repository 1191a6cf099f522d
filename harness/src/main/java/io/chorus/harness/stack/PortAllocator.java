package io.chorus.harness.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Hands out TCP ports for one run: each port is free now, not claimed by another live run, and not handed out
 * twice. Ports come from below Linux's ephemeral range so that outgoing connections never take them first.
 */
public final class PortAllocator {
    public static final int FIRST = 15000;
    public static final int LAST = 32000;

    private final IntPredicate isFree;
    private final Set<Integer> taken;
    private final Random random;
    private final Set<Integer> handedOut = new HashSet<>();

    /**
     * @param isFree whether a port can be bound right now
     * @param taken  ports other live runs have claimed
     */
    public PortAllocator(IntPredicate isFree, Set<Integer> taken, Random random) {
        this.isFree = isFree;
        this.taken = Set.copyOf(taken);
        this.random = random;
    }

    public int next() {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int port = FIRST + random.nextInt(LAST - FIRST);
            if (!taken.contains(port) && !handedOut.contains(port) && isFree.test(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
    }

    public Set<Integer> handedOut() {
        return Set.copyOf(handedOut);
    }

    /** True when nothing listens on the port on the loopback interface. */
    public static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
