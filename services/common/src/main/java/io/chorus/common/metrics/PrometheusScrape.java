package io.chorus.common.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The admin port's {@code /metrics} in Prometheus's text format for a scraper, which always asks for it
 * ({@code Accept: text/plain;version=0.0.4} or {@code application/openmetrics-text}); Dropwizard's JSON for
 * everyone else, as before (the harness reads it). {@code /prometheus} is the text format whatever is asked.
 */
final class PrometheusScrape implements Filter {
    static final String ALWAYS_TEXT = "/prometheus";

    private final CollectorRegistry registry;

    PrometheusScrape(CollectorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String accept = http.getHeader("Accept");
        if (!wantsPrometheus(http.getRequestURI(), accept)) {
            chain.doFilter(request, response);
            return;
        }
        String contentType = TextFormat.chooseContentType(accept);
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(HttpServletResponse.SC_OK);
        answer.setContentType(contentType);
        answer.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
        try (Writer out = new OutputStreamWriter(answer.getOutputStream(), StandardCharsets.UTF_8)) {
            TextFormat.writeFormat(contentType, out, registry.metricFamilySamples());
        }
    }

    static boolean wantsPrometheus(String path, String accept) {
        if (path != null && path.endsWith(ALWAYS_TEXT)) {
            return true;
        }
        return accept != null && (accept.contains("text/plain") || accept.contains("application/openmetrics-text"));
    }
}
