package io.chorus.workers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.UuidV7;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Read marks (decision 0251): decoded, poison when the store could not compare them, and ordered as strings. */
class ReadMarkEventTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private static byte[] envelope(String channel, String mark) {
        return ("{\"id\":\"01890000-0000-7000-8000-000000000000\",\"type\":\"channel.read\","
                        + (channel == null ? "" : "\"channelId\":\"" + channel + "\",")
                        + "\"actorId\":\"alice\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"payload\":"
                        + (mark == null ? "{}" : "{\"lastReadMessageId\":\"" + mark + "\"}") + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesAMarkOfTheActorInTheEnvelopesChannel() throws Exception {
        UUID mark = UuidV7.generate();
        assertThat(MetaEvent.decode(JSON, envelope("c1", mark.toString())))
                .isEqualTo(new MetaEvent.ChannelRead(
                        "alice", "c1", java.time.Instant.parse("2026-01-01T00:00:00Z"), mark));
        assertThat(PermissionChange.of(MetaEvent.decode(JSON, envelope("c1", mark.toString()))))
                .isEmpty();
    }

    @Test
    void refusesMarksTheStoreCouldNotCompare() {
        UUID mark = UuidV7.generate();
        String[][] poison = {
            {"c1", null},
            {null, mark.toString()},
            {"c1", "yesterday"},
            {"c1", UUID.randomUUID().toString()},
            {"c1", mark.toString().toUpperCase(java.util.Locale.ROOT)},
        };
        for (String[] p : poison) {
            assertThatThrownBy(() -> MetaEvent.decode(JSON, envelope(p[0], p[1])))
                    .as("%s %s", p[0], p[1])
                    .isInstanceOf(MetaEvent.Malformed.class);
        }
    }

    /** The store keeps the greater string ({@code $max}): that must be the later message id. */
    @Test
    void canonicalStringsOfVersion7IdsOrderAsTheirTimes() {
        qt().forAll(longs().between(0, (1L << 48) - 2), longs().between(1, 1L << 20))
                .checkAssert((at, later) -> {
                    long then = Math.min(at + later, (1L << 48) - 1);
                    assertThat(UuidV7.at(at).toString())
                            .isLessThan(UuidV7.at(then).toString());
                });
    }
}
