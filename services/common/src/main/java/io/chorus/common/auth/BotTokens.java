package io.chorus.common.auth;

import io.chorus.common.events.Subjects;
import java.util.Optional;

/**
 * The format of a bot's API token (decision 0216): {@code cbt_<botId>_<tokenId>_<secret>}. The prefix tells a bot
 * token from a JWT at a glance (and lets secret scanners find a leaked one); the ids are hex, so the first three
 * separators are unambiguous; the secret is {@link IntegrationSecrets#newSecret()}.
 */
public final class BotTokens {
    public static final String PREFIX = "cbt_";
    /** User ids in these namespaces belong to bots and incoming webhooks: no user's token may claim one. */
    public static final String BOT_USER_PREFIX = "bot_";

    public static final String HOOK_USER_PREFIX = "hook_";

    /** A token taken apart; the secret is still to be checked against the stored hash. */
    public record Parts(String botId, String tokenId, String secret) {}

    private BotTokens() {}

    public static String format(String botId, String tokenId, String secret) {
        return PREFIX + botId + "_" + tokenId + "_" + secret;
    }

    public static boolean looksLikeBotToken(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** The parts of a well-formed token; empty for anything else. */
    public static Optional<Parts> parse(String token) {
        if (!looksLikeBotToken(token)) {
            return Optional.empty();
        }
        String[] parts = token.substring(PREFIX.length()).split("_", 3);
        if (parts.length != 3 || !isHexId(parts[0]) || !isHexId(parts[1]) || parts[2].length() < 32) {
            return Optional.empty();
        }
        return Optional.of(new Parts(parts[0], parts[1], parts[2]));
    }

    /** The user id a bot acts as: {@code bot_<botId>}. */
    public static String userId(String botId) {
        return Subjects.requireToken(BOT_USER_PREFIX + botId);
    }

    /** The author of an incoming webhook's messages: {@code hook_<hookId>}. */
    public static String hookUserId(String hookId) {
        return Subjects.requireToken(HOOK_USER_PREFIX + hookId);
    }

    /** Whether a user id lies in a namespace only bots and incoming webhooks may use. */
    public static boolean isReservedUserId(String userId) {
        return userId != null && (userId.startsWith(BOT_USER_PREFIX) || userId.startsWith(HOOK_USER_PREFIX));
    }

    private static boolean isHexId(String id) {
        if (id.isEmpty() || id.length() > 40) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
