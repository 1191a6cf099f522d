package io.chorus.harness.stack;

import io.chorus.harness.stack.health.Health;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Someone else's running stack, known by its description ({@code --stack external --stack-file stack.json}, or a
 * test's shared stack): {@link #up()} only returns the description, {@link #down()} never stops anything.
 */
public final class ExternalStack implements Stack {
    /** A secret written as {@code ${NAME}}: the environment variable NAME, so a shipped stack.json holds none. */
    private static final Pattern ENVIRONMENT_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final StackDescription description;

    public ExternalStack(StackDescription description) {
        this.description = description;
    }

    /** Reads a {@code stack.json}; a clear error naming the file when it is not one. */
    public static ExternalStack read(Path stackFile) {
        try {
            StackDescription description = RunFolder.JSON.readValue(stackFile.toFile(), StackDescription.class);
            return new ExternalStack(withSecretFromEnvironment(description, System::getenv, stackFile));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read a stack description from " + stackFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The description with its {@code auth.hmacSecret} read from the environment when the file names a variable
     * ({@code "${CHORUS_HMAC_SECRET}"}, as the compose stack's does); an unset variable is a clear error.
     */
    static StackDescription withSecretFromEnvironment(
            StackDescription description, UnaryOperator<String> environment, Path stackFile) {
        return withNatsCredentialsFromEnvironment(
                withHmacSecretFromEnvironment(description, environment, stackFile), environment, stackFile);
    }

    /**
     * The NATS URLs with every {@code ${NAME}} in them read from the environment: a stack whose servers require a
     * user writes {@code nats://chorus:${CHORUS_NATS_PASSWORD}@host:4222} (the compose stack's does).
     */
    private static StackDescription withNatsCredentialsFromEnvironment(
            StackDescription description, UnaryOperator<String> environment, Path stackFile) {
        if (description.nats() == null || description.nats().urls() == null) {
            return description;
        }
        List<String> urls = description.nats().urls().stream()
                .map(url -> ENVIRONMENT_REFERENCE.matcher(url).replaceAll(reference -> {
                    String value = environment.apply(reference.group(1));
                    if (value == null || value.isEmpty()) {
                        throw new IllegalArgumentException(stackFile + " takes a NATS URL's credentials from the "
                                + "environment variable " + reference.group(1) + ", which is not set");
                    }
                    return Matcher.quoteReplacement(value);
                }))
                .toList();
        return description.withNats(new StackDescription.Nats(
                urls, description.nats().monitor(), description.nats().cluster()));
    }

    private static StackDescription withHmacSecretFromEnvironment(
            StackDescription description, UnaryOperator<String> environment, Path stackFile) {
        if (description.auth() == null || description.auth().hmacSecret() == null) {
            return description;
        }
        Matcher reference = ENVIRONMENT_REFERENCE.matcher(description.auth().hmacSecret());
        if (!reference.matches()) {
            return description;
        }
        String variable = reference.group(1);
        String secret = environment.apply(variable);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(stackFile + " takes its auth.hmacSecret from the environment variable "
                    + variable + ", which is not set: set it to the secret the stack's services verify tokens with");
        }
        return description.withAuth(new StackDescription.Auth(secret));
    }

    @Override
    public StackDescription up() {
        return description;
    }

    @Override
    public List<Health> status() {
        return List.of();
    }

    @Override
    public void down() {
        // not ours to stop
    }
}
