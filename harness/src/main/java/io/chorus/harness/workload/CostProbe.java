package io.chorus.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.checker.CostChecker;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.Sample;
import io.chorus.harness.stack.HttpJson;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;

/**
 * Reads the fan-out's cost from the running stack and appends it to the history as {@link Sample}s, for the
 * {@link CostChecker}: each fan-out instance's {@code fanout.publishes} counter (Dropwizard admin {@code /metrics};
 * every inbox publish since the instance started), and each notification instance's NATS event subscriptions
 * (NATS monitoring {@code /connz?subs=1} on every node, the connection named after the instance, without the client
 * library's request-reply {@code _INBOX.} subscription). The run samples at its start and at its end, before the
 * fleet closes: publishes per message is the counters' growth over the 202s in between.
 */
public final class CostProbe {
    private final HttpJson http = new HttpJson(Duration.ofSeconds(10));

    public void sample(StackDescription stack, HistoryWriter history, RunClock clock) {
        for (StackDescription.Endpoint fanout : stack.services().fanout()) {
            history.append(new Sample(CostChecker.PUBLISHES, fanout.name(), publishes(fanout), clock.nowMicros()));
        }
        for (StackDescription.Endpoint instance : stack.services().notification()) {
            history.append(new Sample(
                    CostChecker.SUBSCRIPTIONS,
                    instance.name(),
                    eventSubscriptions(stack, instance.name()),
                    clock.nowMicros()));
        }
    }

    private double publishes(StackDescription.Endpoint fanout) {
        HttpJson.Answer metrics = http.get(fanout.admin() + "/metrics", null);
        JsonNode counter =
                metrics.json().path("counters").path(CostChecker.PUBLISHES).path("count");
        if (!metrics.ok() || !counter.isNumber()) {
            throw new IllegalStateException(
                    fanout.name() + " has no " + CostChecker.PUBLISHES + " counter: " + metrics);
        }
        return counter.asDouble();
    }

    /** The instance's subscriptions over every NATS node (it is connected to one), request-reply inbox excluded. */
    private double eventSubscriptions(StackDescription stack, String instance) {
        int count = 0;
        boolean seen = false;
        for (String monitor : stack.nats().monitor()) {
            HttpJson.Answer connz = http.get(monitor + "/connz?subs=1&limit=100000", null);
            for (JsonNode connection : connz.json().path("connections")) {
                if (instance.equals(connection.path("name").asText())) {
                    seen = true;
                    for (JsonNode subject : connection.path("subscriptions_list")) {
                        if (!subject.asText().startsWith("_INBOX.")) {
                            count++;
                        }
                    }
                }
            }
        }
        if (!seen) {
            throw new IllegalStateException("no NATS connection named " + instance + " on "
                    + stack.nats().monitor());
        }
        return count;
    }
}
