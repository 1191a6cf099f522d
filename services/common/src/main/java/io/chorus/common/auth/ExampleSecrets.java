package io.chorus.common.auth;

import java.util.Set;

/**
 * Secrets published in the repository's example configurations. Anyone who read them can sign a token, the
 * {@code admin} claim included, for a service that verifies with one; so a service refuses to start with one unless
 * {@code auth.allowExampleSecret} is set for local development (decision 0102).
 */
public final class ExampleSecrets {
    private static final Set<String> PUBLISHED = Set.of(
            "change-me-change-me-change-me-change-me",
            "change-me-too-change-me-too-change-me-too",
            "change-me-three-change-me-three-change-me",
            "change-me-four-change-me-four-change-me-four");

    private ExampleSecrets() {}

    public static boolean isExample(String secret) {
        return secret != null && (PUBLISHED.contains(secret.strip()) || secret.contains("change-me"));
    }
}
