package io.chorus.common.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Payloads of the {@code META} stream's events (decision 0002); the envelope carries channel, actor and time.
 * Unknown fields are ignored so that a newer publisher does not poison an older consumer.
 */
public final class MetaPayloads {
    public static final String KIND_PUBLIC = "public";
    public static final String KIND_PRIVATE = "private";
    public static final String KIND_DIRECT = "direct";

    public static final String ROLE_MEMBER = "member";
    public static final String ROLE_ADMIN = "admin";
    public static final String ROLE_OWNER = "owner";

    private MetaPayloads() {}

    /** {@code channel.created}: the actor becomes its owner; {@code members} are user ids joining as members. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelCreated(String name, String kind, String topic, List<String> members) {}

    /** {@code channel.updated}: a null field is left as it was. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelUpdated(String name, String topic) {}

    /** {@code members.added}: up to 1,000 ids per event, all with the same role. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MembersAdded(List<String> userIds, String role) {}

    /** {@code member.removed}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MemberRemoved(String userId) {}

    /** {@code user.updated}: the envelope's actor is the user. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserUpdated(String displayName) {}

    /**
     * {@code users.imported}: a run of the bulk import's user lines, up to 1,000 per event; each becomes the same
     * user document as a {@code user.updated} at the envelope's time. The envelope's actor is the importing admin.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UsersImported(List<ImportedUser> users) {}

    /** One user of {@link UsersImported}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImportedUser(String id, String displayName) {}

    /** {@code device.registered}: the envelope's actor owns the device; {@code deviceId} is derived from the token. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeviceRegistered(String deviceId, String platform, String token, String appId) {}

    /** {@code device.removed}: by its user, or by the push worker when the provider says the token is gone. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeviceRemoved(String deviceId) {}

    /** {@code notification.level.set}: {@code all}, {@code mentions} or {@code mute} for the envelope's channel. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NotificationLevelSet(String level) {}

    /**
     * {@code channel.read}: the envelope's actor has read the envelope's channel up to and including this message id
     * (a UUIDv7); a mark never moves back (decision 0251).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChannelRead(String lastReadMessageId) {}

    public static boolean isKind(String kind) {
        return KIND_PUBLIC.equals(kind) || KIND_PRIVATE.equals(kind) || KIND_DIRECT.equals(kind);
    }

    public static boolean isRole(String role) {
        return ROLE_MEMBER.equals(role) || ROLE_ADMIN.equals(role) || ROLE_OWNER.equals(role);
    }

    /** Whether a role may manage a channel (rename it, remove others, add admins). */
    public static boolean canManage(String role) {
        return ROLE_ADMIN.equals(role) || ROLE_OWNER.equals(role);
    }

    /** Roles in order, {@code member} lowest: adding a member never lowers a role (decision 0101). */
    public static int rank(String role) {
        return switch (role == null ? "" : role) {
            case ROLE_OWNER -> 3;
            case ROLE_ADMIN -> 2;
            case ROLE_MEMBER -> 1;
            default -> 0;
        };
    }

    /** Whether {@code granted} is a higher role than {@code held} (a user without a role holds none). */
    public static boolean raises(String granted, String held) {
        return rank(granted) > rank(held);
    }
}
