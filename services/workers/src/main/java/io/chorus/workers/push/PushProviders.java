package io.chorus.workers.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.push.Devices;
import io.chorus.workers.push.core.CircuitBreaker;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configured providers, each behind its own gate (breaker and concurrency bound), by platform. */
public final class PushProviders {
    private PushProviders() {}

    public static Map<String, ProviderGate> gates(PushSettings settings, ObjectMapper json) {
        Map<String, ProviderGate> gates = new LinkedHashMap<>();
        try {
            if (settings.getApns() != null) {
                gates.put(Devices.APNS, gate(ApnsSender.connect(settings.getApns(), json), settings));
            }
            if (settings.getFcm() != null) {
                gates.put(Devices.FCM, gate(FcmSender.connect(settings.getFcm(), json), settings));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the push providers: " + e.getMessage(), e);
        }
        return gates;
    }

    private static ProviderGate gate(PushSender sender, PushSettings settings) {
        return new ProviderGate(
                sender,
                new CircuitBreaker(settings.getBreakerThreshold(), settings.getBreakerOpenFor()),
                settings.getConcurrency(),
                Clock.systemUTC());
    }

    /** Closes the providers' clients when the process stops (registered after the worker: stopped before it). */
    public static Managed closing(Map<String, ProviderGate> gates) {
        return new Managed() {
            @Override
            public void stop() {
                gates.values().forEach(ProviderGate::close);
            }
        };
    }
}
