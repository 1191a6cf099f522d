package io.chorus.common.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.auth.Bearers;
import io.chorus.common.auth.BotTokenVerifier;
import io.chorus.common.auth.JwtVerifier;
import io.chorus.common.auth.TokenVerifier;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.nats.client.Connection;
import java.util.function.Supplier;

/**
 * How a service accepts bots' API tokens beside users' JWTs (decision 0216): tokens read from the
 * {@code integrations} bucket, and a watch of its revocations that makes the service forget a revoked token at once.
 *
 * @param bearers     the verifier for {@code ApiConventions.install} (and the notification service's sockets)
 * @param revocations where a service adds what else it does when a token is revoked
 */
public record BotAuthentication(IntegrationsBucket bucket, TokenVerifier bearers, TokenRevocations revocations) {
    public static BotAuthentication wire(
            LifecycleEnvironment lifecycle, Supplier<Connection> connection, ObjectMapper json, JwtVerifier users) {
        IntegrationsBucket bucket = new IntegrationsBucket(connection, json);
        BotTokenVerifier bots = new BotTokenVerifier(bucket::token, BotTokenVerifier.RECHECK);
        TokenRevocations revocations = new TokenRevocations(bucket).onRevoked(bots::forget);
        lifecycle.manage(revocations);
        return new BotAuthentication(bucket, new Bearers(users, bots), revocations);
    }
}
