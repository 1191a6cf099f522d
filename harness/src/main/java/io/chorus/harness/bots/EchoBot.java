package io.chorus.harness.bots;

import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The example bot (decision 0216): a program that takes part in conversations through the public API only. It
 * holds a WebSocket session with its bot token, and answers each {@code !echo <text>} posted in a channel it is a
 * member of with {@code <text>}, sent with the same token. The reply's {@code clientMsgId} derives from the
 * command's event id, so a command delivered twice (a replay after a reconnect) is answered once.
 */
public final class EchoBot implements AutoCloseable {
    public static final String COMMAND = "!echo ";

    private final ChorusClient client;
    private final String token;
    private final ExecutorService replies;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final NotificationSocket socket;
    private volatile String userId;

    private EchoBot(ChorusClient client, String wsUrl, String token) {
        this.client = client;
        this.token = token;
        // answers go out on a thread of their own: the socket's receive thread only hands events over
        this.replies = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "echo-bot-replies");
            thread.setDaemon(true);
            return thread;
        });
        this.socket = NotificationSocket.connect(wsUrl, token, null, this::frame);
    }

    /** Connects the bot and waits for its session to be ready. */
    public static EchoBot start(ChorusClient client, String wsUrl, String token, Duration timeout) {
        EchoBot bot = new EchoBot(client, wsUrl, token);
        bot.userId = bot.socket.awaitReady(timeout).userId();
        return bot;
    }

    /** What the bot answers to a message's text: the text after {@value #COMMAND}, or nothing. */
    public static Optional<String> answer(String text) {
        if (text == null || !text.startsWith(COMMAND)) {
            return Optional.empty();
        }
        String rest = text.substring(COMMAND.length()).strip();
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    /** How many answers the API accepted. */
    public int answered() {
        return answered.get();
    }

    /** How many answers the API refused (a full channel's rate, a lost membership). */
    public int refused() {
        return refused.get();
    }

    /** Completes with the close code when the server ends the session (4004 when the token is revoked). */
    public java.util.concurrent.CompletableFuture<Integer> closeCode() {
        return socket.closeCode();
    }

    private void frame(Frame frame, long receivedNanos) {
        if (!(frame instanceof Frame.Event event) || !"message.created".equals(event.type())) {
            return;
        }
        String author = event.event().path("actorId").asText("");
        if (author.equals(userId)) {
            return; // never answer itself
        }
        answer(event.event().path("payload").path("text").asText(null))
                .ifPresent(reply -> replies.execute(() -> send(event, reply)));
    }

    private void send(Frame.Event command, String reply) {
        try {
            client.sendMessage(token, command.channelId(), "echo-" + command.eventId(), reply);
            answered.incrementAndGet();
        } catch (ApiException e) {
            refused.incrementAndGet();
        }
    }

    @Override
    public void close() {
        socket.close();
        replies.shutdown();
        try {
            replies.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
