package io.chorus.workers.db;

import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Tells a write that Cassandra refused for what it was (the statement or its data: it will never succeed, so after
 * a few tries it belongs in the dead-letter stream) from a write that failed because Cassandra could not be reached
 * or could not answer in time (an outage: the event must wait in JetStream, however long, and land after recovery;
 * dead-lettering it would lose an acknowledged message from history).
 */
public final class WriteFailures {
    private WriteFailures() {}

    /** True when retrying the same write can never succeed: the server judged the statement itself invalid. */
    public static boolean isRefusal(Throwable failure) {
        return cause(failure) instanceof QueryValidationException;
    }

    private static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
