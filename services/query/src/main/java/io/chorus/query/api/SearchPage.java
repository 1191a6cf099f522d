package io.chorus.query.api;

import java.util.List;

/** A page of search hits, best first; {@code nextCursor} is null when there is nothing more. */
public record SearchPage(List<SearchHit> hits, String nextCursor) {}
