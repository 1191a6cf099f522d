package io.chorus.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
    private final MetricRegistry metrics = new MetricRegistry();

    private String scrape() throws Exception {
        CollectorRegistry registry = new CollectorRegistry();
        new DropwizardExports(metrics, MetricFilter.ALL, OperatorMetrics.sampleBuilder()).register(registry);
        StringWriter text = new StringWriter();
        TextFormat.write004(text, registry.metricFamilySamples());
        return text.toString();
    }

    @Test
    void theOperatorFiguresGoOutUnderTheirPrometheusNamesWithLabels() throws Exception {
        metrics.meter(OperatorMetrics.SENDS_ACCEPTED).mark(3);
        metrics.meter(OperatorMetrics.SENDS_REFUSED + ".429").mark();
        metrics.timer(OperatorMetrics.PUBACK).update(4, TimeUnit.MILLISECONDS);
        metrics.counter("pull.MESSAGES.message-writer.dead-lettered").inc(2);
        metrics.counter("pull.META.meta-writer.retried").inc();
        metrics.register(OperatorMetrics.consumerLag("MESSAGES", "search-indexer"), (Gauge<Long>) () -> 17L);
        metrics.register(OperatorMetrics.SESSIONS, (Gauge<Integer>) () -> 5);
        metrics.register(OperatorMetrics.OUTBOUND_WAITING, (Gauge<Long>) () -> 9L);
        metrics.counter(OperatorMetrics.FANOUT_PUBLISHES).inc(11);

        String text = scrape();

        assertThat(text)
                .contains("chorus_sends_accepted_total 3.0")
                .contains("chorus_sends_refused_total{status=\"429\",} 1.0")
                .contains("chorus_puback_seconds_count 1.0")
                .contains("chorus_puback_seconds{quantile=\"0.99\",} 0.004")
                .contains("chorus_dead_letters{consumer=\"message-writer\",stream=\"MESSAGES\",} 2.0")
                .contains("chorus_redeliveries{consumer=\"meta-writer\",stream=\"META\",} 1.0")
                .contains("chorus_consumer_lag{consumer=\"search-indexer\",stream=\"MESSAGES\",} 17.0")
                .contains("chorus_sessions 5.0")
                .contains("chorus_outbound_queue_frames 9.0")
                .contains("chorus_fanout_publishes 11.0");
    }

    @Test
    void aLagNotKnownYetIsLeftOutOfTheScrape() throws Exception {
        metrics.register(OperatorMetrics.consumerLag("MESSAGES", "push"), (Gauge<Long>) () -> null);
        metrics.counter(OperatorMetrics.FANOUT_PUBLISHES).inc();

        assertThat(scrape()).doesNotContain("chorus_consumer_lag").contains("chorus_fanout_publishes 1.0");
    }

    @Test
    void otherMetricsKeepTheirOwnNames() throws Exception {
        metrics.timer("permissions.check.role").update(1, TimeUnit.MILLISECONDS);

        assertThat(scrape()).contains("permissions_check_role_count 1.0");
    }

    @Test
    void aScraperGetsTheTextFormatAndEveryoneElseDropwizardsJson() {
        assertThat(PrometheusScrape.wantsPrometheus("/metrics", "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"))
                .isTrue();
        assertThat(PrometheusScrape.wantsPrometheus("/metrics", "application/openmetrics-text;version=1.0.0"))
                .isTrue();
        assertThat(PrometheusScrape.wantsPrometheus("/metrics", null)).isFalse();
        assertThat(PrometheusScrape.wantsPrometheus("/metrics", "application/json"))
                .isFalse();
        assertThat(PrometheusScrape.wantsPrometheus("/prometheus", null)).isTrue();
    }
}
