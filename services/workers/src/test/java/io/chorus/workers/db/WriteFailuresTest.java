package io.chorus.workers.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class WriteFailuresTest {
    @Test
    void anOutageIsNeverARefusal() {
        assertThat(WriteFailures.isRefusal(new DriverTimeoutException("Query timed out after PT2S")))
                .isFalse();
        assertThat(WriteFailures.isRefusal(new CompletionException(AllNodesFailedException.fromErrors(List.of()))))
                .isFalse();
        assertThat(WriteFailures.isRefusal(new IllegalStateException("session closed")))
                .isFalse();
    }

    @Test
    void anInvalidStatementIsARefusalEvenWhenWrapped() {
        InvalidQueryException invalid = new InvalidQueryException(null, "unconfigured table messages");
        assertThat(WriteFailures.isRefusal(invalid)).isTrue();
        assertThat(WriteFailures.isRefusal(new CompletionException(invalid))).isTrue();
    }
}
