package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UserSocketsTest {
    @Test
    void aUserOpensUpToTheCapAndAClosedSocketMakesRoom() {
        UserSockets sockets = new UserSockets(3);
        assertThat(List.of(sockets.tryOpen("u"), sockets.tryOpen("u"), sockets.tryOpen("u"), sockets.tryOpen("u")))
                .containsExactly(true, true, true, false);
        assertThat(sockets.tryOpen("v")).as("the cap is per user").isTrue();
        sockets.closed("u");
        assertThat(sockets.tryOpen("u")).isTrue();
        assertThat(sockets.openOf("u")).isEqualTo(3);
    }

    @Test
    void aUserWithNoSocketLeavesNoEntry() {
        UserSockets sockets = new UserSockets(2);
        sockets.tryOpen("u");
        sockets.closed("u");
        sockets.closed("u");
        assertThat(sockets.openOf("u")).isZero();
        assertThat(sockets.tryOpen("u")).isTrue();
        assertThat(sockets.tryOpen("u")).isTrue();
        assertThat(sockets.tryOpen("u")).isFalse();
    }

    @Test
    void racingOpensNeverPassTheCap() throws Exception {
        UserSockets sockets = new UserSockets(10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> opens = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                opens.add(pool.submit(() -> sockets.tryOpen("u")));
            }
            int admitted = 0;
            for (Future<Boolean> open : opens) {
                admitted += open.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }
}
