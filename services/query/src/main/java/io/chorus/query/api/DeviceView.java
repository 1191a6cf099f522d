package io.chorus.query.api;

import java.time.Instant;
import org.bson.Document;

/**
 * A push device as its user sees it: the token itself is not given back (a read token should not yield the
 * provider token), only its last characters, enough to tell devices apart.
 */
public record DeviceView(String deviceId, String platform, String appId, String tokenTail, Instant registeredAt) {
    static final int TAIL_CHARS = 6;

    public static DeviceView of(Document doc) {
        String token = doc.getString("token");
        java.util.Date at = doc.getDate("registeredAt");
        return new DeviceView(
                doc.getString("_id"),
                doc.getString("platform"),
                doc.getString("appId"),
                token == null ? null : token.substring(Math.max(0, token.length() - TAIL_CHARS)),
                at == null ? null : at.toInstant());
    }
}
