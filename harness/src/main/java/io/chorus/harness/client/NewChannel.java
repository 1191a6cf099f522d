package io.chorus.harness.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code POST /v1/channels}: {@code kind} is {@code public}, {@code private} or {@code direct};
 * {@code channelId} and {@code topic} may be null (the service derives or leaves them), {@code name} is required
 * for public and private channels, and a direct channel has exactly one other member.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewChannel(String channelId, String name, String kind, String topic, List<String> members) {

    /** A channel whose name is its id, without a topic. */
    public static NewChannel named(String channelId, String kind, List<String> members) {
        return new NewChannel(channelId, channelId, kind, null, members);
    }
}
