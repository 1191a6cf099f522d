package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.SessionOpen;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Connect-to-ready: from the moment a client began to open its WebSocket to its {@code ready} frame, which is
 * when the notification instance has loaded the user's channels and announced its interest. A user in 100K
 * channels pays the whole channel load here, so this is the figure that shows whether that load stays cheap.
 */
public final class SessionChecker implements Checker<SessionChecker.Result> {
    public static final String NAME = "sessions";
    public static final String READY = "session.ready";

    public record Result(LatencySummary ready) implements CheckResult {
        @Override
        public List<Measurement> measurements() {
            return ready.measurements(READY);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Histogram ready = LatencySummary.histogram();
        history.of(SessionOpen.class)
                .filter(SessionOpen::knowsRequestTime)
                .forEach(open -> ready.recordValue(open.time() - open.requested()));
        return new Result(LatencySummary.of(ready));
    }
}
