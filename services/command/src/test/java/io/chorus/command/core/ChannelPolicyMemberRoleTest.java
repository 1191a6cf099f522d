package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** {@link ChannelPolicy#memberRole}: the send path's membership check, answered without blocking (decision 0063). */
class ChannelPolicyMemberRoleTest {
    private final Map<String, String> bucket = new HashMap<>();
    private final Map<String, CompletableFuture<Optional<String>>> asked = new HashMap<>();
    /** Lookups that answer only when the test completes them: nothing here may wait for an answer. */
    private final PermissionLookups later = new PermissionLookups() {
        @Override
        public CompletionStage<Optional<String>> role(String channelId, String userId) {
            return ask(channelId + "." + userId);
        }

        @Override
        public CompletionStage<Optional<String>> kind(String channelId) {
            return ask(channelId);
        }

        private CompletionStage<Optional<String>> ask(String key) {
            return asked.computeIfAbsent(key, k -> new CompletableFuture<>());
        }
    };

    private final ChannelPolicy policy = new ChannelPolicy(null, later);

    private void answerAll() {
        // answering one may ask the next (the kind after a missing role)
        for (int round = 0; round < 3; round++) {
            Map.copyOf(asked).forEach((key, answer) -> answer.complete(Optional.ofNullable(bucket.get(key))));
        }
    }

    @Test
    void aMemberGetsItsRoleWithoutTheKindBeingAsked() {
        bucket.put("c.u", "owner");
        CompletionStage<String> role = policy.memberRole(new ChorusPrincipal("u", false), "c");
        assertThat(role.toCompletableFuture()).as("nothing answered yet").isNotDone();
        answerAll();
        assertThat(role.toCompletableFuture()).isCompletedWithValue("owner");
        assertThat(asked).containsOnlyKeys("c.u");
    }

    @Test
    void aNonMemberOfAnExistingChannelIs403() {
        bucket.put("c", "private");
        CompletionStage<String> role = policy.memberRole(new ChorusPrincipal("u", false), "c");
        answerAll();
        assertThat(status(role)).isEqualTo(403);
    }

    @Test
    void aMissingChannelIs404EvenForAPlatformAdmin() {
        CompletionStage<String> role = policy.memberRole(new ChorusPrincipal("root", true), "gone");
        answerAll();
        assertThat(status(role)).isEqualTo(404);
    }

    @Test
    void aPlatformAdminMayPostInAnExistingChannel() {
        bucket.put("c", "public");
        CompletionStage<String> role = policy.memberRole(new ChorusPrincipal("root", true), "c");
        answerAll();
        assertThat(role.toCompletableFuture()).isCompletedWithValue("admin");
    }

    @Test
    void aBucketThatCannotBeReadIsTheLookupsOwn503() {
        CompletionStage<String> role = policy.memberRole(new ChorusPrincipal("u", false), "c");
        asked.get("c.u").completeExceptionally(new ApiException(503, "unavailable", "down", Duration.ofSeconds(1)));
        assertThat(status(role)).isEqualTo(503);
    }

    @Test
    void theBlockingAndAsynchronousChecksAgree() {
        Map<String, String> values = Map.of("c.member", "member", "c", "private", "d", "direct");
        ChannelPolicy both = new ChannelPolicy(new BucketPermissions(values));
        for (String channel : new String[] {"c", "d", "none"}) {
            for (ChorusPrincipal caller : new ChorusPrincipal[] {
                new ChorusPrincipal("member", false),
                new ChorusPrincipal("stranger", false),
                new ChorusPrincipal("root", true)
            }) {
                Object blockingAnswer;
                try {
                    blockingAnswer = both.requireMember(caller, channel);
                } catch (ApiException e) {
                    blockingAnswer = e.toResponse().getStatus();
                }
                CompletionStage<String> async = both.memberRole(caller, channel);
                Object asyncAnswer = async.toCompletableFuture().isCompletedExceptionally()
                        ? status(async)
                        : async.toCompletableFuture().join();
                assertThat(asyncAnswer).as(caller + " in " + channel).isEqualTo(blockingAnswer);
            }
        }
    }

    private static int status(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().join();
            throw new AssertionError("expected a refusal");
        } catch (CompletionException e) {
            return ((ApiException) e.getCause()).toResponse().getStatus();
        }
    }
}
