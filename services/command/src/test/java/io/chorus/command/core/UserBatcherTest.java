package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MetaPayloads;
import io.dropwizard.jackson.Jackson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserBatcherTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    /**
     * Whatever the lines, the batches hold every user once per batch, at most {@code max} each, and leave each user
     * with the name of its last line, as one event per line applied in order would.
     */
    @Test
    void batchesKeepEveryUserAndItsLastName() {
        qt().forAll(
                        lists().of(integers().between(0, 40)).ofSizeBetween(0, 3000),
                        integers().between(1, 1000))
                .checkAssert((ids, max) -> {
                    List<UserBatcher.Batch> batches = new ArrayList<>();
                    UserBatcher batcher = new UserBatcher(max, batches::add);
                    Map<String, String> expected = new LinkedHashMap<>();
                    for (int i = 0; i < ids.size(); i++) {
                        batcher.add("u" + ids.get(i), "name " + i);
                        expected.put("u" + ids.get(i), "name " + i);
                    }
                    batcher.flush();
                    Map<String, String> applied = new LinkedHashMap<>();
                    for (UserBatcher.Batch batch : batches) {
                        assertThat(batch.users())
                                .isNotEmpty()
                                .hasSizeLessThanOrEqualTo(max)
                                .extracting(MetaPayloads.ImportedUser::id)
                                .doesNotHaveDuplicates();
                        batch.users().forEach(u -> applied.put(u.id(), u.displayName()));
                    }
                    assertThat(applied).isEqualTo(expected);
                });
    }

    @Test
    void aMillionUsersMakeOneThousandEvents() {
        int[] count = {0};
        UserBatcher batcher = new UserBatcher(1000, b -> count[0]++);
        for (int i = 0; i < 1_000_000; i++) {
            batcher.add("u" + i, "User " + i);
        }
        batcher.flush();
        assertThat(count[0]).isEqualTo(1000);
    }

    @Test
    void theKeyFollowsTheContent() {
        UserBatcher.Batch batch = batchOf("a", "Ann", "b", "Bob");
        assertThat(batch.idempotencyKey())
                .startsWith("import:users:a:b:2:")
                .isEqualTo(batchOf("a", "Ann", "b", "Bob").idempotencyKey())
                .isNotEqualTo(batchOf("a", "Ann", "b", "Bobby").idempotencyKey())
                .isNotEqualTo(batchOf("a", "Ann", "b", "Bob", "c", "Cy").idempotencyKey());
        // same first, last and size, another user in the middle: a different batch, never deduplicated
        assertThat(batchOf("a", "A", "m", "M", "z", "Z").idempotencyKey())
                .isNotEqualTo(batchOf("a", "A", "n", "M", "z", "Z").idempotencyKey());
    }

    /**
     * The worst batch the import's checks allow (1,000 users of 64-character ids and 80-character names of 3-byte
     * characters) is an event well below NATS's 1 MB payload limit (max_payload of the local stack).
     */
    @Test
    void theLargestBatchFitsOneNatsMessage() throws Exception {
        List<UserBatcher.Batch> batches = new ArrayList<>();
        UserBatcher batcher = new UserBatcher(1000, batches::add);
        for (int i = 0; i < 1000; i++) {
            String id = String.format("%064d", i);
            batcher.add(
                    id,
                    CommandRules.name(
                            "displayName",
                            "€".repeat(CommandRules.MAX_DISPLAY_NAME_CHARS),
                            CommandRules.MAX_DISPLAY_NAME_CHARS));
        }
        batcher.flush();
        assertThat(batches).hasSize(1);
        byte[] event = JSON.writeValueAsBytes(new EventFactory(JSON, Clock.systemUTC())
                .event(
                        EventTypes.USERS_IMPORTED,
                        null,
                        "root",
                        new MetaPayloads.UsersImported(batches.get(0).users())));
        assertThat(event.length).isGreaterThan(300_000).isLessThan(512 * 1024);
    }

    private static UserBatcher.Batch batchOf(String... idsAndNames) {
        List<UserBatcher.Batch> batches = new ArrayList<>();
        UserBatcher batcher = new UserBatcher(1000, batches::add);
        for (int i = 0; i < idsAndNames.length; i += 2) {
            batcher.add(idsAndNames[i], idsAndNames[i + 1]);
        }
        batcher.flush();
        return batches.get(0);
    }
}
