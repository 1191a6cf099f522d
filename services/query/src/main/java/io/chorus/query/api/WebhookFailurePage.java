package io.chorus.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of a registration's failures, oldest first; {@code next} is the {@code after} of the next page, if any. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookFailurePage(List<WebhookFailure> items, String next) {}
