package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.ReactionsSeen;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A reaction appears in history: every reaction the mix added (answered ok) to a message no delete was tried on
 * shows, in the reader's history read after the load ({@code reactions-seen}), as that emoji with {@code reacted}.
 * Reactions without such a read are counted as not verified, not as missing. The mix never removes a reaction, so
 * an add that was answered ok must hold.
 */
public final class ReactionChecker implements Checker<ReactionChecker.Result> {
    public static final String NAME = "reactions";

    public record Result(long verified, long missing, long unverified, List<String> examples) implements CheckResult {
        @Override
        public Optional<Invariant> invariant() {
            return verified + missing == 0 ? Optional.empty() : Optional.of(new Invariant(NAME, missing, examples));
        }

        @Override
        public List<Measurement> measurements() {
            return verified + missing == 0 ? List.of() : List.of(Measurement.of("reactions.missing", missing));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Operations operations = new Operations(history);
        Set<String> deleteTried = new HashSet<>();
        operations.of("delete").forEach(d -> deleteTried.add(d.invoke().target()));
        java.util.Map<String, ReactionsSeen> seen = new java.util.HashMap<>();
        history.of(ReactionsSeen.class).forEach(s -> seen.put(s.user() + "\n" + s.messageId(), s));
        long verified = 0;
        long missing = 0;
        long unverified = 0;
        List<String> examples = Examples.list();
        for (Operations.Done d : operations.of("react")) {
            String target = d.invoke().target();
            int slash = target.indexOf('/');
            String messageId = target.substring(0, slash);
            String emoji = target.substring(slash + 1);
            if (!d.succeeded() || deleteTried.contains(messageId)) {
                continue;
            }
            ReactionsSeen s = seen.get(d.invoke().user() + "\n" + messageId);
            if (s == null) {
                unverified++;
            } else if (s.found() && s.reacted().contains(emoji)) {
                verified++;
            } else {
                missing++;
                Examples.add(
                        examples,
                        d.invoke().user() + " reacted " + emoji + " to " + messageId + " in "
                                + d.invoke().channel()
                                + (s.found() ? "; history shows " + s.reacted() : "; history did not return it"));
            }
        }
        return new Result(verified, missing, unverified, examples);
    }
}
