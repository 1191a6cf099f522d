package io.chorus.harness.population;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a stream of NDJSON lines into request bodies of at most {@code linesPerBatch} lines, handing each full body
 * to {@code post} as soon as it is full, so a million-member channel never sits in memory whole. {@link #finish}
 * posts the last partial body.
 */
final class ImportBatches {
    /** One request body: its number (from 1), the lines it holds ([first, last], from 1) and the NDJSON. */
    record Batch(int number, long firstLine, long lastLine, byte[] body) {
        @Override
        public String toString() {
            return "batch " + number + " (lines " + firstLine + "-" + lastLine + ")";
        }
    }

    private final int linesPerBatch;
    private final Consumer<Batch> post;
    private final StringBuilder body = new StringBuilder();
    private long lines;
    private long firstLineOfBatch = 1;
    private int batches;

    ImportBatches(int linesPerBatch, Consumer<Batch> post) {
        if (linesPerBatch < 1) {
            throw new IllegalArgumentException("linesPerBatch must be at least 1");
        }
        this.linesPerBatch = linesPerBatch;
        this.post = post;
    }

    void line(String json) {
        body.append(json).append('\n');
        lines++;
        if (lines - firstLineOfBatch + 1 == linesPerBatch) {
            flush();
        }
    }

    /** Posts what is left; returns how many bodies were posted in all. */
    int finish() {
        flush();
        return batches;
    }

    long lines() {
        return lines;
    }

    private void flush() {
        if (body.isEmpty()) {
            return;
        }
        batches++;
        Batch batch =
                new Batch(batches, firstLineOfBatch, lines, body.toString().getBytes(StandardCharsets.UTF_8));
        body.setLength(0);
        firstLineOfBatch = lines + 1;
        post.accept(batch);
    }
}
