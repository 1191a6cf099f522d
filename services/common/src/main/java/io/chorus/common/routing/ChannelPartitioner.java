package io.chorus.common.routing;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which fan-out partition owns a channel. Fan-out instances and notification instances must agree, so this is
 * the one place that decides: CRC-32 of the channel id, modulo the partition count (stable across JVMs and
 * languages, unlike {@link String#hashCode()} would be for other clients).
 */
public final class ChannelPartitioner {
    private ChannelPartitioner() {}

    public static int partition(String channelId, int partitions) {
        if (partitions <= 1) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(channelId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }
}
