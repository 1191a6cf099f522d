package io.chorus.harness.webhook;

import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Response;

/**
 * The requests a run's webhook set-up makes, shaped as {@link ChorusClient#raw(ChorusClient.Service, String, String,
 * String, String)} so a run passes {@code client::raw} and a unit test a recording fake.
 */
@FunctionalInterface
public interface WebhookApi {
    Response send(ChorusClient.Service service, String method, String path, String bearer, String body);
}
