package io.chorus.query.nats;

import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.PermissionsBucket;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Who is a member of what, as the {@code permissions} KV bucket says (decision 0043): the key
 * {@code <userId>.<channelId>} holds the member's role and is deleted on removal. It is the data the command service
 * trusts to let a member post; the meta writer writes it right after MongoDB. A get is a JetStream direct get (one
 * request and reply, no database), so checking the channels of a search round costs milliseconds, not seconds.
 */
public final class KvMemberships {
    /** Gets in flight at once for one round: each is a blocking request-reply on the shared connection. */
    public static final int PARALLEL_GETS = 16;

    private final ManagedNatsConnection nats;
    private final ExecutorService getters;
    private volatile KeyValue bucket;

    /** @param getters {@link #PARALLEL_GETS} threads for the gets of one round */
    public KvMemberships(ManagedNatsConnection nats, ExecutorService getters) {
        this.nats = nats;
        this.getters = getters;
    }

    /** One get: whether the user currently holds a role in the channel. */
    public boolean isMember(String channelId, String userId) {
        try {
            KeyValueEntry entry = bucket().get(PermissionsBucket.membershipKey(channelId, userId));
            return entry != null
                    && entry.getOperation() == KeyValueOperation.PUT
                    && entry.getValue() != null
                    && entry.getValue().length > 0;
        } catch (IOException | io.nats.client.JetStreamApiException e) {
            throw new IllegalStateException("permissions bucket did not answer: " + e.getMessage(), e);
        }
    }

    /** Which of {@code channels} the user is a member of: one get per channel, {@link #PARALLEL_GETS} at a time. */
    public Set<String> memberOf(Set<String> channels, String userId) {
        List<String> asked = List.copyOf(channels);
        if (asked.size() == 1) {
            return isMember(asked.get(0), userId) ? Set.of(asked.get(0)) : Set.of();
        }
        List<Future<Boolean>> answers = new ArrayList<>(asked.size());
        for (String channel : asked) {
            answers.add(getters.submit(() -> isMember(channel, userId)));
        }
        Set<String> members = new HashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            if (answer(answers.get(i))) {
                members.add(asked.get(i));
            }
        }
        return members;
    }

    private static boolean answer(Future<Boolean> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading permissions", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private KeyValue bucket() throws IOException {
        KeyValue kv = bucket;
        if (kv == null) {
            kv = nats.connection().keyValue(PermissionsBucket.NAME);
            bucket = kv;
        }
        return kv;
    }
}
