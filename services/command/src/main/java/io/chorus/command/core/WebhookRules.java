package io.chorus.command.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.WebhookPayloads;
import io.chorus.common.webhook.WebhookTargets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;

/** Checks of the webhook commands' fields; each refusal is a 422 that names the field. */
public final class WebhookRules {
    /** A registration serves at most this many channels. */
    public static final int MAX_CHANNELS = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookTargets targets;

    public WebhookRules(WebhookTargets targets) {
        this.targets = targets;
    }

    public String url(String url) {
        targets.refusal(url).ifPresent(reason -> {
            throw CommandRules.invalid(reason);
        });
        return url;
    }

    public static List<String> eventTypes(List<String> types) {
        if (types == null || types.isEmpty()) {
            throw CommandRules.invalid("eventTypes must name at least one of " + List.copyOf(subscribable()));
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String type : types) {
            if (!WebhookPayloads.SUBSCRIBABLE.contains(type)) {
                throw CommandRules.invalid(
                        "eventTypes: unknown event type " + type + ", expected one of " + subscribable());
            }
            distinct.add(type);
        }
        return new ArrayList<>(distinct);
    }

    public static List<String> channelIds(List<String> channelIds) {
        if (channelIds == null || channelIds.isEmpty() || channelIds.size() > MAX_CHANNELS) {
            throw CommandRules.invalid("channelIds must name 1 to " + MAX_CHANNELS + " channels");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String channelId : channelIds) {
            distinct.add(CommandRules.id("channelIds[]", channelId));
        }
        return new ArrayList<>(distinct);
    }

    /** A fresh signing secret of the Standard Webhooks form: {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** A dead-letter record's id: its sequence in {@code DEADLETTER}, a positive number. */
    public static long failureId(String failureId) {
        try {
            long seq = Long.parseLong(failureId);
            if (seq > 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw CommandRules.invalid("failureId must be a positive number, as the failures list gives it");
    }

    /** 404 for a registration that does not exist (never created, or deleted). */
    public static ApiException notFound(String webhookId) {
        return new ApiException(404, "not_found", "no webhook " + webhookId);
    }

    private static List<String> subscribable() {
        return WebhookPayloads.SUBSCRIBABLE.stream().sorted().toList();
    }
}
