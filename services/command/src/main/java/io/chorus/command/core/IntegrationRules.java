package io.chorus.command.core;

import io.chorus.common.api.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks of the incoming-webhook and bot commands' fields (decision 0216); each refusal a 422 naming the field. */
public final class IntegrationRules {
    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final int MAX_TOKEN_CHANNELS = 100;

    private IntegrationRules() {}

    /** A name of 1 to 80 characters; {@code fallback} when absent. */
    public static String name(String value, String fallback) {
        return value == null ? fallback : CommandRules.name("name", value, CommandRules.MAX_NAME_CHARS);
    }

    /** The scopes, without repeats: at least one, each {@code read} or {@code write}. */
    public static Set<String> scopes(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw CommandRules.invalid("scopes must name read, write or both");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : values) {
            if (!READ.equals(scope) && !WRITE.equals(scope)) {
                throw CommandRules.invalid("scopes may be read and write only, not " + scope);
            }
            scopes.add(scope);
        }
        return scopes;
    }

    /** The channels a token is limited to, without repeats: none (every channel) up to 100 valid ids. */
    public static List<String> channelIds(List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_TOKEN_CHANNELS) {
            throw CommandRules.invalid("channelIds may name at most " + MAX_TOKEN_CHANNELS + " channels");
        }
        Set<String> ids = new LinkedHashSet<>();
        values.forEach(id -> ids.add(CommandRules.id("channelIds[]", id)));
        return List.copyOf(ids);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", "no such " + what + ": " + id);
    }

    /** The one answer to a hook post with an unknown id or a wrong secret: the two are not told apart. */
    public static ApiException unknownHook() {
        return new ApiException(404, "not_found", "no such incoming webhook, or a wrong secret");
    }
}
