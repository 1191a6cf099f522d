package io.chorus.common.config;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;

/**
 * {@code ${NAME}} in a service's configuration file is the environment variable {@code NAME}: how a deployment hands
 * a service its secrets (a compose {@code .env} file, a Kubernetes Secret) without writing them into the mounted
 * file. A reference to a variable that is not set stops the start-up with an error naming it, so a missing secret
 * never becomes the literal text {@code ${NAME}}; {@code ${NAME:-default}} gives a default.
 */
public final class EnvironmentReferences {
    private EnvironmentReferences() {}

    /** Call first in {@code initialize()}. */
    public static <C extends Configuration> void install(Bootstrap<C> bootstrap) {
        bootstrap.setConfigurationSourceProvider(
                new SubstitutingSourceProvider(bootstrap.getConfigurationSourceProvider(), substitutor()));
    }

    static EnvironmentVariableSubstitutor substitutor() {
        return new EnvironmentVariableSubstitutor(true);
    }
}
