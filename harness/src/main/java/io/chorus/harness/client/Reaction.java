package io.chorus.harness.client;

/** One emoji on a message in history: how many users reacted with it, and whether the caller is one of them. */
public record Reaction(String emoji, int count, boolean reacted) {}
