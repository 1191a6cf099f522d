package io.chorus.common.metrics;

import com.codahale.metrics.MetricFilter;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.hotspot.DefaultExports;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;

/**
 * Prometheus metrics on the service's admin port ({@code /metrics} for a scraper, {@code /prometheus} always): the
 * service's Dropwizard registry, its operator figures under their {@link OperatorMetrics} names, and the JVM's own
 * figures (memory, GC, threads, class loading, process CPU and file descriptors) from the Prometheus hotspot
 * exports. Dropwizard's {@code jvm.*} metrics are left out of the export: the hotspot ones are what dashboards know.
 */
public final class PrometheusBundle implements ConfiguredBundle<Object> {
    private final CollectorRegistry registry = new CollectorRegistry();

    @Override
    public void run(Object configuration, Environment environment) {
        new DropwizardExports(environment.metrics(), notJvm(), OperatorMetrics.sampleBuilder()).register(registry);
        DefaultExports.register(registry);
        environment
                .admin()
                .addFilter("prometheus", new PrometheusScrape(registry))
                .addMappingForUrlPatterns(
                        EnumSet.of(DispatcherType.REQUEST), true, "/metrics", PrometheusScrape.ALWAYS_TEXT);
    }

    /** What a scrape reads (tests). */
    CollectorRegistry registry() {
        return registry;
    }

    private static MetricFilter notJvm() {
        return (name, metric) -> !name.startsWith("jvm.");
    }
}
