package io.chorus.common.auth;

import java.security.Principal;

/** The caller a valid bearer token names: the subject is the user id; the {@code admin} claim marks admins. */
public record ChorusPrincipal(String userId, boolean admin) implements Principal {
    @Override
    public String getName() {
        return userId;
    }
}
