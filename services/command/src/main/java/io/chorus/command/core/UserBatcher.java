package io.chorus.command.core;

import io.chorus.common.events.MetaPayloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Groups consecutive user lines of a bulk import into batches of at most {@code maxBatch} users: one
 * {@code users.imported} event each (decision 0060), so a million users cost a thousand PubAcks, not a million.
 * A user repeated within a batch keeps its last name, as the same lines published one by one would leave it
 * (the entries of one event share a time, so the writer could not tell which came last).
 */
public final class UserBatcher {
    /** A batch ready to publish, its users in the order of their first line. */
    public record Batch(List<MetaPayloads.ImportedUser> users) {
        /**
         * The batch's {@code Nats-Msg-Id}: the same lines give the same key (a retried import is deduplicated), a
         * change of any id or name gives another (a re-import with new names is applied).
         */
        public String idempotencyKey() {
            return "import:users:" + users.get(0).id() + ":"
                    + users.get(users.size() - 1).id() + ":" + users.size() + ":" + contentHash();
        }

        private String contentHash() {
            List<String> fields = new ArrayList<>(users.size() * 2);
            for (MetaPayloads.ImportedUser user : users) {
                fields.add(user.id());
                fields.add(user.displayName());
            }
            return ContentDigest.of(fields);
        }
    }

    private final int maxBatch;
    private final Consumer<Batch> sink;
    private Map<String, MetaPayloads.ImportedUser> users = new LinkedHashMap<>();

    public UserBatcher(int maxBatch, Consumer<Batch> sink) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.maxBatch = maxBatch;
        this.sink = sink;
    }

    public void add(String id, String displayName) {
        if (!users.containsKey(id) && users.size() >= maxBatch) {
            flush();
        }
        users.put(id, new MetaPayloads.ImportedUser(id, displayName));
    }

    public void flush() {
        if (!users.isEmpty()) {
            sink.accept(new Batch(List.copyOf(users.values())));
            users = new LinkedHashMap<>();
        }
    }
}
