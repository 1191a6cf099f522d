package io.chorus.harness.workload;

import io.chorus.harness.Poll;
import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.checker.StoreListing.StoredMessage;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.HistoryMessage;
import io.chorus.harness.client.HistoryPage;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lists the store through the Query Service's history endpoint, newest first, 200 a page, to the channel's first
 * message. Lists every channel again until the total has not changed for {@code quiet}: the message writer
 * acknowledges events after writing them, so a listing that stopped growing is one it has caught up with. Past
 * {@code deadline} it returns the last listing as it is (a message still missing then is judged lost).
 *
 * <p>Each stored message comes with its {@code clientMsgId} (decision 0038), so the loss checker sees one send
 * stored under two message ids as well as one id stored twice. A message stored before the history kept it has
 * none (null). A 429 (the query service limits each user's rate, decision 0112) is waited out by the client, for
 * up to a minute a page; any other refusal fails the listing.
 */
public final class HistoryApiCollector implements StoreCollector {
    private static final int PAGE = 200;
    private static final Duration RATE_LIMITED_FOR = Duration.ofMinutes(1);

    private final Duration quiet;
    private final Duration deadline;

    public HistoryApiCollector() {
        this(Duration.ofSeconds(2), Duration.ofMinutes(2));
    }

    public HistoryApiCollector(Duration quiet, Duration deadline) {
        this.quiet = quiet;
        this.deadline = deadline;
    }

    @Override
    public StoreListing collect(StackDescription stack, Map<String, String> readers, Seeder.Seeded users) {
        ChorusClient client = ChorusClient.of(stack).withRateLimitWait(RateLimitWait.within(RATE_LIMITED_FOR));
        long start = System.nanoTime();
        List<StoredMessage> listing = listAll(client, readers, users);
        long changedAt = System.nanoTime();
        while (System.nanoTime() - start < deadline.toNanos()) {
            Poll.pause(Duration.ofMillis(250));
            List<StoredMessage> again = listAll(client, readers, users);
            if (again.size() != listing.size()) {
                changedAt = System.nanoTime();
            } else if (System.nanoTime() - changedAt >= quiet.toNanos()) {
                return new StoreListing(again);
            }
            listing = again;
        }
        return new StoreListing(listing);
    }

    private List<StoredMessage> listAll(ChorusClient client, Map<String, String> readers, Seeder.Seeded users) {
        List<StoredMessage> all = new ArrayList<>();
        readers.forEach((channel, reader) -> list(client, channel, users.tokenFor(reader), all));
        return all;
    }

    private void list(ChorusClient client, String channel, String token, List<StoredMessage> into) {
        String before = null;
        do {
            HistoryPage page;
            try {
                page = client.history(
                        token, channel, before == null ? HistoryQuery.newest(PAGE) : HistoryQuery.before(before, PAGE));
            } catch (io.chorus.harness.client.ApiException refused) {
                throw new IllegalStateException("listing " + channel + " failed: " + refused.response(), refused);
            }
            for (HistoryMessage message : page.messages()) {
                into.add(new StoredMessage(channel, message.id(), message.clientMsgId()));
            }
            before = page.nextCursor();
        } while (before != null);
    }
}
