package io.chorus.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {
    @Test
    void carriesItsMillisecondAndVersionSeven() {
        qt().forAll(longs().between(0, (1L << 48) - 1)).checkAssert(millis -> {
            UUID id = UuidV7.at(millis);
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UuidV7.timestamp(id)).isEqualTo(Instant.ofEpochMilli(millis));
        });
    }

    @Test
    void idsOfLaterMillisecondsSortLater() {
        qt().forAll(longs().between(0, (1L << 47)), longs().between(1, 1L << 20))
                .checkAssert((t, dt) -> assertThat(UuidV7.at(t)
                                .toString()
                                .compareTo(UuidV7.at(t + dt).toString()))
                        .isNegative());
    }
}
