package io.chorus.harness.scenario;

/**
 * A named group of channels with a membership shape. Phases and the online spec refer to channels by group name.
 */
public sealed interface MembershipShape {
    String group();

    /** The number of channels in this group. */
    long channels();

    /** {@code channels} channels, each with the first {@code members} users as members (a 1M-member channel). */
    record LargeChannels(String group, long channels, long members) implements MembershipShape {}

    /**
     * {@code users} users (taken from the first users), each a member of {@code channelsPerUser} channels of this
     * group; each such channel also has {@code otherMembers} more members drawn at random (a user in 100K channels).
     */
    record BusyUsers(String group, long users, long channelsPerUser, long otherMembers) implements MembershipShape {
        @Override
        public long channels() {
            return users * channelsPerUser;
        }
    }

    /** {@code channels} channels, each with a uniformly random number of random members in [min, max]. */
    record RandomSpread(String group, long channels, long minMembers, long maxMembers) implements MembershipShape {}
}
