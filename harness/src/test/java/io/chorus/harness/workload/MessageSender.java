package io.chorus.harness.workload;

import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.StackDescription;

/** The tests' sender: one {@code POST /v1/channels/{id}/messages} at a time, asserting the 202. */
final class MessageSender {
    private final ChorusClient client;
    private final Seeder.Seeded users;

    MessageSender(StackDescription stack, Seeder.Seeded users) {
        this.client = ChorusClient.of(stack);
        this.users = users;
    }

    /** @return the message id of the 202 */
    String send(String user, String channel, String clientMsgId, String text) {
        try {
            return client.sendMessage(users.tokenFor(user), channel, clientMsgId, text)
                    .messageId();
        } catch (ApiException refused) {
            throw new AssertionError("send refused: " + refused.response(), refused);
        }
    }
}
