package io.chorus.harness.workload.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.chorus.harness.workload.Arrival;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One phase as a Gatling simulation: each virtual user is one arrival that sends one message, open model. Around
 * the request, session hooks write the history: the invoke right before the request leaves, the completion right
 * after the answer (or its absence). Gatling's own KO marks any status but 202, for its report.
 */
public final class PhaseSimulation extends Simulation {
    private static final AtomicReference<PhaseRun> NEXT = new AtomicReference<>();
    private static final String STATUS = "status";
    private static final String BODY = "body";
    private static final String SENT_AT = "sentAtNanos";

    private final PhaseRun run;

    /** Hands the next simulation Gatling builds its phase; one phase at a time per JVM. */
    static void prepare(PhaseRun run) {
        if (!NEXT.compareAndSet(null, run)) {
            throw new IllegalStateException("another Gatling phase is being started in this JVM");
        }
    }

    /** Drops a prepared phase that Gatling did not take (its run failed before building the simulation). */
    static void discard(PhaseRun run) {
        NEXT.compareAndSet(run, null);
    }

    public PhaseSimulation() {
        run = NEXT.getAndSet(null);
        if (run == null) {
            throw new IllegalStateException("PhaseSimulation is started by GatlingWorkload, which hands it its phase");
        }
        HttpProtocolBuilder protocol = http.baseUrl(run.baseUrl)
                .shareConnections() // a keep-alive pool, not one connection per arrival: see decision 0037
                .disableWarmUp()
                .disableCaching()
                .acceptHeader("application/json")
                .contentTypeHeader("application/json");
        ScenarioBuilder send = scenario(run.name)
                .feed(run.records())
                .exec(this::invoke)
                .exec(http("send")
                        .post(session -> "/v1/channels/" + arrival(session).channel() + "/messages")
                        .header("Authorization", session -> "Bearer " + session.getString(PhaseRun.TOKEN))
                        .body(StringBody(session -> arrival(session).body()))
                        // the saves come first: a failing check may stop the checks after it
                        .check(status().saveAs(STATUS), bodyString().saveAs(BODY), status().is(202)))
                .exec(this::complete);
        setUp(send.injectOpen(run.injection())).protocols(protocol);
    }

    private Session invoke(Session session) {
        run.recorder.invoked(arrival(session));
        return session.set(SENT_AT, System.nanoTime());
    }

    private Session complete(Session session) {
        Arrival arrival = arrival(session);
        if (session.contains(STATUS)) {
            run.recorder.answered(arrival, session.getInt(STATUS), session.getString(BODY));
        } else {
            long waited = System.nanoTime() - session.getLong(SENT_AT);
            run.recorder.unanswered(
                    arrival,
                    waited >= run.requestTimeout.toNanos()
                            ? "no answer within " + run.requestTimeout.toMillis() + " ms"
                            : "no answer: the connection failed after " + waited / 1_000_000 + " ms");
        }
        return session.remove(BODY);
    }

    private static Arrival arrival(Session session) {
        return session.get(PhaseRun.ARRIVAL);
    }
}
