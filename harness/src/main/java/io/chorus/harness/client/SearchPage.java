package io.chorus.harness.client;

import java.util.List;

/** A page of search hits; {@code nextCursor} is present when more may follow (the page may then be short). */
public record SearchPage(List<SearchHit> hits, String nextCursor) {}
