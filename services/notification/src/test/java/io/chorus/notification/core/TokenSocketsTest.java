package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSocketsTest {
    private final TokenSockets sockets = new TokenSockets();
    private final List<String> closed = new ArrayList<>();

    @Test
    void aRevocationClosesEverySocketOfThatTokenAndNoOther() {
        sockets.opened("t1", () -> closed.add("a"));
        sockets.opened("t1", () -> closed.add("b"));
        sockets.opened("t2", () -> closed.add("c"));

        assertThat(sockets.revoked("t1")).isEqualTo(2);

        assertThat(closed).containsExactlyInAnyOrder("a", "b");
        assertThat(sockets.open("t1")).isZero();
        assertThat(sockets.open("t2")).isEqualTo(1);
    }

    @Test
    void aSocketThatClosedFirstIsNotClosedAgain() {
        TokenSockets.Closer socket = () -> closed.add("a");
        sockets.opened("t1", socket);
        sockets.closed("t1", socket);

        assertThat(sockets.revoked("t1")).isZero();
        assertThat(closed).isEmpty();
        assertThat(sockets.revoked("unknown")).isZero();
    }
}
