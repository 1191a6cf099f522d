package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwaitingAuthTest {
    @Test
    void theInstanceAdmitsUpToItsBoundAndAReleasedSocketMakesRoom() {
        AwaitingAuth awaiting = new AwaitingAuth(3, 0);
        assertThat(List.of(
                        awaiting.tryAdmit("a"), awaiting.tryAdmit("b"), awaiting.tryAdmit("c"), awaiting.tryAdmit("d")))
                .containsExactly(true, true, true, false);
        awaiting.release("b");
        assertThat(awaiting.tryAdmit("d")).isTrue();
        assertThat(awaiting.awaiting()).isEqualTo(3);
    }

    @Test
    void oneAddressIsBoundedBeforeTheInstance() {
        AwaitingAuth awaiting = new AwaitingAuth(10, 2);
        assertThat(List.of(awaiting.tryAdmit("a"), awaiting.tryAdmit("a"), awaiting.tryAdmit("a")))
                .containsExactly(true, true, false);
        assertThat(awaiting.tryAdmit("b")).as("the bound is per address").isTrue();
        awaiting.release("a");
        assertThat(awaiting.tryAdmit("a")).isTrue();
        assertThat(awaiting.awaitingFrom("a")).isEqualTo(2);
        assertThat(awaiting.awaiting()).isEqualTo(3);
    }

    @Test
    void aRefusedSocketIsNotCountedAndReleasesLeaveNoEntry() {
        AwaitingAuth awaiting = new AwaitingAuth(1, 1);
        awaiting.tryAdmit("a");
        awaiting.tryAdmit("a");
        awaiting.release("a");
        assertThat(awaiting.awaiting()).isZero();
        assertThat(awaiting.awaitingFrom("a")).isZero();
        assertThat(awaiting.tryAdmit("a")).isTrue();
    }

    @Test
    void withoutABoundPerAddressOnlyTheInstanceCounts() {
        AwaitingAuth awaiting = new AwaitingAuth(2, 0);
        assertThat(List.of(awaiting.tryAdmit("a"), awaiting.tryAdmit("a"), awaiting.tryAdmit("a")))
                .containsExactly(true, true, false);
    }

    @Test
    void boundsMustMakeSense() {
        assertThatThrownBy(() -> new AwaitingAuth(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AwaitingAuth(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
