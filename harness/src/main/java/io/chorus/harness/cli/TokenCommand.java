package io.chorus.harness.cli;

import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.auth.JwtFactory;
import io.chorus.common.events.Subjects;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code harness token --user U [--admin] [--ttl 1h] [RUN_DIR]}: a development bearer token for a stack. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Prints a development JWT (HS256, signed with the stack's secret) for a user. Without RUN_DIR: "
                + "the most recent stack of this checkout.")
public final class TokenCommand implements Callable<Integer> {
    @Option(names = "--user", required = true, description = "the user id (the token's subject)")
    String user;

    @Option(names = "--admin", description = "mark the user as a platform admin")
    boolean admin;

    @Option(
            names = "--ttl",
            defaultValue = "1h",
            description = "lifetime, e.g. 30m, 1h, 24h at most (default: ${DEFAULT-VALUE})")
    String ttl;

    @Parameters(arity = "0..1", paramLabel = "RUN_DIR", description = "the stack's run folder")
    Path runDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Subjects.isToken(user)) {
            throw new ParameterException(spec.commandLine(), "--user must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        Duration lifetime = accepted(parseTtl(ttl));
        Checkout checkout = new Checkout(System.err);
        RunFolder run = checkout.runFolder(runDir, spec.commandLine())
                .orElseThrow(
                        () -> new ParameterException(spec.commandLine(), "no stack found: run `harness up` first"));
        StackDescription stack = run.read()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "cannot read " + run.stackJson()));
        if (stack.auth() == null || stack.auth().hmacSecret() == null) {
            throw new ParameterException(
                    spec.commandLine(), "the stack in " + run.dir() + " has no development secret");
        }
        System.out.println(new DevelopmentTokens(stack.auth().hmacSecret()).issue(user, admin, lifetime));
        return 0;
    }

    private Duration parseTtl(String text) {
        try {
            String t = text.trim().toLowerCase(java.util.Locale.ROOT);
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException();
            };
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new ParameterException(
                    spec.commandLine(), "--ttl must be a positive number with s, m, h or d: " + text);
        }
    }

    /** The services refuse a token that lives longer than their maximum: say so here rather than mint one. */
    private Duration accepted(Duration lifetime) {
        if (lifetime.compareTo(JwtFactory.DEFAULT_MAX_TOKEN_LIFETIME) > 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--ttl must be at most " + JwtFactory.DEFAULT_MAX_TOKEN_LIFETIME.toHours()
                            + "h: the services refuse longer-lived tokens");
        }
        return lifetime;
    }
}
