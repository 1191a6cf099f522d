package io.chorus.harness.workload.gatling;

import io.gatling.app.RunResult;
import io.gatling.app.RunResultProcessor;
import io.gatling.app.Runner$;
import io.gatling.core.actor.ActorSystem;
import io.gatling.core.cli.GatlingArgs;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.config.GatlingConfiguration$;
import io.gatling.javaapi.core.Simulation;
import io.gatling.netty.util.Transports;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs a Gatling simulation inside this JVM, the way {@code io.gatling.app.Gatling.fromArgs} does, minus two side
 * effects a library cannot have: {@code fromArgs} stops Logback when it returns (the harness would log nothing
 * after the first phase), and it reads its settings only from {@code gatling.conf} and system properties. Here the
 * settings are passed in ({@link #settings}): no usage analytics call, no warm-up request to an outside site, the
 * {@code file} data writer only (the harness prints its own progress line). Decision 0037.
 */
public final class InProcessGatling {
    private final Path resultsFolder;
    private final GatlingConfiguration configuration;

    /** One finished run: Gatling's run id is also the name of its folder under the results folder. */
    public record Finished(String description, RunResult result) {
        public String runId() {
            return result.runId();
        }
    }

    public InProcessGatling(Path resultsFolder, Duration requestTimeout) {
        this.resultsFolder = resultsFolder.toAbsolutePath();
        this.configuration = GatlingConfiguration$.MODULE$.loadForTest(scalaPairs(settings(requestTimeout)));
    }

    /** The settings that differ from Gatling's defaults ({@code gatling-defaults.conf} in gatling-core). */
    static Map<String, Object> settings(Duration requestTimeout) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("gatling.data.enableAnalytics", false);
        settings.put("gatling.http.warmUpUrl", "");
        settings.put("gatling.data.writers", List.of("file"));
        settings.put("gatling.http.requestTimeout", requestTimeout.toMillis());
        settings.put("gatling.ssl.useOpenSsl", false); // plain HTTP: no need to load the native TLS library
        return settings;
    }

    /** Runs the simulation to its end (every user done); the HTML report is written later, by {@link #report}. */
    public Finished run(Class<? extends Simulation> simulation, String description) {
        GatlingArgs args = args(simulation, description);
        ActorSystem system = new ActorSystem();
        EventLoopGroup eventLoops = Transports.newEventLoopGroup(
                configuration.netty().useNativeTransport(),
                configuration.netty().useIoUring(),
                0,
                "gatling");
        try {
            return new Finished(
                    description,
                    Runner$.MODULE$
                            .apply(system, eventLoops, args, configuration)
                            .run());
        } finally {
            system.close();
            eventLoops
                    .shutdownGracefully(0, configuration.core().shutdownTimeout(), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly();
        }
    }

    /** Writes Gatling's HTML report of a finished run; returns its page. */
    public Path report(Finished run) {
        new RunResultProcessor(args(null, run.description()), configuration).processRunResult(run.result());
        return resultsFolder.resolve(run.runId()).resolve("index.html");
    }

    public Path resultsFolder() {
        return resultsFolder;
    }

    private GatlingArgs args(Class<? extends Simulation> simulation, String description) {
        return new GatlingArgs(
                Option.apply(simulation == null ? null : simulation.getName()),
                Option.apply(description),
                false,
                Option.empty(),
                Option.apply(resultsFolder),
                Option.apply("chorus-harness"),
                Option.empty());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static scala.collection.immutable.Seq<Tuple2<String, ?>> scalaPairs(Map<String, Object> settings) {
        List<Tuple2<String, ?>> pairs = new ArrayList<>();
        settings.forEach((k, v) -> pairs.add(new Tuple2<>(k, v)));
        return (scala.collection.immutable.Seq)
                CollectionConverters.asScala(pairs).toSeq();
    }
}
