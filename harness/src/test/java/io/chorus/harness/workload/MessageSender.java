package io.chorus.harness.workload;

import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.HttpJson;
import io.chorus.harness.stack.StackDescription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The tests' sender: one {@code POST /v1/channels/{id}/messages} at a time, asserting the 202. */
final class MessageSender {
    private final HttpJson http = new HttpJson(Duration.ofSeconds(30));
    private final String command;
    private final Seeder.Seeded users;

    MessageSender(StackDescription stack, Seeder.Seeded users) {
        this.command = stack.services().command().url();
        this.users = users;
    }

    /** @return the message id of the 202 */
    String send(String user, String channel, String clientMsgId, String text) {
        HttpJson.Answer answer = http.post(command + "/v1/channels/" + channel + "/messages", users.tokenFor(user),
                "application/json", ("{\"clientMsgId\":\"" + clientMsgId + "\",\"text\":\"" + text + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        if (answer.status() != 202) {
            throw new AssertionError("send refused: " + answer);
        }
        return answer.json().path("messageId").asText();
    }
}
