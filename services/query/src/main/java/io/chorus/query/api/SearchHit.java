package io.chorus.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One message that matched. {@code highlights} are fragments of the text with the matched words in
 * {@code <em>...</em>}; the rest of each fragment is HTML-escaped, so a client may render it as HTML.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(
        String messageId,
        String channelId,
        String authorId,
        String text,
        String createdAt,
        String editedAt,
        List<String> highlights) {}
