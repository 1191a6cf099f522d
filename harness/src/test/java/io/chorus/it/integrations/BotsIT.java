package io.chorus.it.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.Poll;
import io.chorus.harness.bots.EchoBot;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.HistoryMessage;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bot accounts and their tokens (decision 0216) against the local stack: scopes held on both services, the example
 * bot answering over its WebSocket, and a revocation refused everywhere within seconds, open sockets included.
 */
@ExtendWith(LocalStackExtension.class)
class BotsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private record Bot(String botId, String userId) {}

    private static Bot createBot(StackFixture api, String admin) {
        Response created = api.post("/v1/bots", api.adminToken(admin), "{\"name\":\"echo\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Bot(
                created.json().path("botId").asText(),
                created.json().path("userId").asText());
    }

    private static JsonNode createToken(StackFixture api, String admin, Bot bot, String body) {
        Response created = api.post("/v1/bots/" + bot.botId() + "/tokens", api.adminToken(admin), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static String channelWith(StackFixture api, String owner, String botUser) {
        String channel = StackFixture.id("ch");
        assertThat(api.createChannel(owner, channel, "private", botUser).status())
                .isEqualTo(202);
        Poll.until("the bot's membership", WAIT, () -> "member".equals(api.kvRole(channel, botUser)));
        return channel;
    }

    @Test
    void onlyAdminsManageBotsAndAUserTokenCannotClaimABotsId(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        Response byUser = api.post("/v1/bots", api.token(StackFixture.id("u")), "{\"name\":\"x\"}");
        assertThat(byUser.status()).as(byUser.toString()).isEqualTo(403);

        Bot bot = createBot(api, StackFixture.id("root"));
        Response posing = api.get("/v1/users/me/channels", api.token(bot.userId()));
        assertThat(posing.status()).as(posing.toString()).isEqualTo(401);
        Response noScope = api.post(
                "/v1/bots/" + bot.botId() + "/tokens", api.adminToken(StackFixture.id("root")), "{\"scopes\":[]}");
        assertThat(noScope.status()).as(noScope.toString()).isEqualTo(422);
    }

    @Test
    void tokensAreHeldToTheirScopesOnTheCommandAndQueryServices(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String admin = StackFixture.id("root");
        String owner = StackFixture.id("u");
        Bot bot = createBot(api, admin);
        String channel = channelWith(api, owner, bot.userId());
        String other = channelWith(api, owner, bot.userId());
        String readOnly = createToken(api, admin, bot, "{\"scopes\":[\"read\"]}")
                .path("token")
                .asText();
        String scoped = createToken(
                        api, admin, bot, "{\"scopes\":[\"read\",\"write\"],\"channelIds\":[\"" + channel + "\"]}")
                .path("token")
                .asText();
        String messages = "/v1/channels/" + channel + "/messages";

        Response sent = api.post(messages, scoped, "{\"clientMsgId\":\"b1\",\"text\":\"hello from a bot\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        Response readOnlySend = api.post(messages, readOnly, "{\"clientMsgId\":\"b2\",\"text\":\"no\"}");
        assertThat(readOnlySend.status()).as(readOnlySend.toString()).isEqualTo(403);
        Response elsewhere =
                api.post("/v1/channels/" + other + "/messages", scoped, "{\"clientMsgId\":\"b3\",\"text\":\"no\"}");
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(403);
        Response readElsewhere = api.get("/v1/channels/" + other + "/messages", scoped);
        assertThat(readElsewhere.status()).as(readElsewhere.toString()).isEqualTo(403);

        List<HistoryMessage> read = Poll.until(
                WAIT,
                () -> api.client()
                        .history(readOnly, channel, HistoryQuery.newest(10))
                        .messages(),
                m -> !m.isEmpty());
        assertThat(read).singleElement().satisfies(m -> assertThat(m.authorId()).isEqualTo(bot.userId()));

        JsonNode listed = api.send(
                        "GET", api.commandUrl() + "/v1/bots/" + bot.botId() + "/tokens", api.adminToken(admin), null)
                .json()
                .path("tokens");
        assertThat(listed).hasSize(2);
        assertThat(listed.toString()).doesNotContain(scoped.substring(scoped.lastIndexOf('_') + 1));
    }

    @Test
    void theEchoBotAnswersAndARevokedTokenIsRefusedEverywhereWithinSeconds(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String admin = StackFixture.id("root");
        String owner = StackFixture.id("u");
        Bot bot = createBot(api, admin);
        String channel = channelWith(api, owner, bot.userId());
        JsonNode token = createToken(api, admin, bot, "{\"name\":\"echo\",\"scopes\":[\"read\",\"write\"]}");
        String botToken = token.path("token").asText();
        String ws = stack.services().notification().get(0).ws();
        ChorusClient client = api.client();

        try (EchoBot echo = EchoBot.start(client, ws, botToken, WAIT);
                NotificationSocket second = NotificationSocket.connect(ws, botToken, null)) {
            second.awaitReady(WAIT);
            assertThat(api.sendMessage(owner, channel, "cmd-1", "!echo ping").status())
                    .isEqualTo(202);
            List<HistoryMessage> answered = Poll.until(
                    WAIT,
                    () -> client.history(api.token(owner), channel, HistoryQuery.newest(10))
                            .messages(),
                    messages -> messages.stream().anyMatch(m -> bot.userId().equals(m.authorId())));
            assertThat(answered)
                    .filteredOn(m -> bot.userId().equals(m.authorId()))
                    .singleElement()
                    .satisfies(m -> assertThat(m.text()).isEqualTo("ping"));

            long revokedAt = System.nanoTime();
            Response revoked = api.send(
                    "DELETE",
                    api.commandUrl() + "/v1/bots/" + bot.botId() + "/tokens/"
                            + token.path("tokenId").asText(),
                    api.adminToken(admin),
                    null);
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);

            assertThat(echo.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(4004);
            assertThat(second.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(4004);
            Poll.until(
                    "the revoked token refused by the command and query services",
                    Duration.ofSeconds(5),
                    () -> api.post(
                                                    "/v1/channels/" + channel + "/messages",
                                                    botToken,
                                                    "{\"clientMsgId\":\"late\",\"text\":\"x\"}")
                                            .status()
                                    == 401
                            && api.get("/v1/channels/" + channel + "/messages", botToken)
                                            .status()
                                    == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
            try (NotificationSocket again = NotificationSocket.connect(ws, botToken, null)) {
                assertThat(again.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(4001);
            }
        }
    }

    @Test
    void deletingABotRefusesEveryTokenOfItWithinSecondsAndClosesItsSockets(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String admin = StackFixture.id("root");
        String owner = StackFixture.id("u");
        Bot bot = createBot(api, admin);
        String channel = channelWith(api, owner, bot.userId());
        String writer = createToken(api, admin, bot, "{\"scopes\":[\"read\",\"write\"]}")
                .path("token")
                .asText();
        String reader = createToken(api, admin, bot, "{\"scopes\":[\"read\"]}")
                .path("token")
                .asText();
        String messages = "/v1/channels/" + channel + "/messages";
        String ws = stack.services().notification().get(0).ws();
        String path = api.commandUrl() + "/v1/bots/" + bot.botId();

        Response byUser = api.send("DELETE", path, api.token(owner), null);
        assertThat(byUser.status()).as(byUser.toString()).isEqualTo(403);

        try (NotificationSocket socket = NotificationSocket.connect(ws, writer, null)) {
            socket.awaitReady(WAIT);
            assertThat(api.get(messages, reader).status()).isEqualTo(200);

            long deletedAt = System.nanoTime();
            Response deleted = api.send("DELETE", path, api.adminToken(admin), null);
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

            assertThat(socket.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(4004);
            Poll.until(
                    "both tokens refused by the command and query services",
                    Duration.ofSeconds(5),
                    () -> api.post(messages, writer, "{\"clientMsgId\":\"gone\",\"text\":\"x\"}")
                                            .status()
                                    == 401
                            && api.get(messages, reader).status() == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - deletedAt)).isLessThan(Duration.ofSeconds(5));
        }
        Response again = api.send("DELETE", path, api.adminToken(admin), null);
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        Response newToken = api.send("POST", path + "/tokens", api.adminToken(admin), "{\"scopes\":[\"read\"]}");
        assertThat(newToken.status()).as(newToken.toString()).isEqualTo(404);
    }
}
