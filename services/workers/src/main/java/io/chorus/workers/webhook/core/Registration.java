package io.chorus.workers.webhook.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A webhook registration as the dispatcher uses it: where, for which channels and event types, signed with which
 * secrets. A rotated secret is added beside the old ones; the newest signs alone once it is {@code overlap} old.
 */
public record Registration(
        String webhookId,
        String ownerId,
        Set<String> channelIds,
        String url,
        Set<String> eventTypes,
        List<DatedSecret> secrets,
        boolean paused) {

    /** A secret and when it was added. */
    public record DatedSecret(WebhookSecret secret, Instant addedAt) {}

    public Registration {
        channelIds = Set.copyOf(channelIds);
        eventTypes = Set.copyOf(eventTypes);
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a registration has at least one secret: " + webhookId);
        }
    }

    public boolean wants(String type, String channelId) {
        return !paused && eventTypes.contains(type) && channelIds.contains(channelId);
    }

    /**
     * The secrets that sign at {@code now}, newest first: the newest, and every older one whose successor was added
     * less than {@code overlap} ago (receivers switch over meanwhile).
     */
    public List<WebhookSecret> signingSecrets(Instant now, Duration overlap) {
        List<DatedSecret> newestFirst = new ArrayList<>(secrets);
        newestFirst.sort(Comparator.comparing(DatedSecret::addedAt).reversed());
        List<WebhookSecret> signing = new ArrayList<>();
        signing.add(newestFirst.get(0).secret());
        for (int i = 1; i < newestFirst.size(); i++) {
            if (newestFirst.get(i - 1).addedAt().plus(overlap).isAfter(now)) {
                signing.add(newestFirst.get(i).secret());
            } else {
                break;
            }
        }
        return signing;
    }
}
