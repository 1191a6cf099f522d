package io.chorus.notification.core;

import java.util.List;

/** Where a connecting user's channels are read (decision 0020). */
public interface ChannelDirectory {
    List<String> channelsOf(String userId) throws Exception;
}
