package io.chorus.common.auth;

/**
 * The bearer tokens a service accepts: a bot's API token ({@link BotTokens#PREFIX}) goes to the bot verifier, any
 * other token is a user's JWT (whose subject may not lie in the bots' or hooks' namespace, {@link JwtVerifier}).
 */
public final class Bearers implements TokenVerifier {
    private final JwtVerifier users;
    private final TokenVerifier bots;

    public Bearers(JwtVerifier users, TokenVerifier bots) {
        this.users = users;
        this.bots = bots;
    }

    @Override
    public ChorusPrincipal verify(String token) throws InvalidTokenException {
        if (BotTokens.looksLikeBotToken(token)) {
            return bots.verify(token);
        }
        return users.verify(token);
    }
}
