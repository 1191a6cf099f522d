package io.chorus.harness.history;

/**
 * An {@link OperationInvoke} was refused ({@code status} and the error body's {@code code}) or not answered
 * ({@code status} 0): a refused operation did nothing; an unanswered one may or may not have been done.
 */
public record OperationFail(String id, int status, String code, long time) implements Op {
    public boolean unanswered() {
        return status == 0;
    }
}
