package io.chorus.harness.history;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Appends operations to {@code history.ndjson}, one JSON object a line, in the order they are appended. Safe to
 * call from many threads; lines are never interleaved. An operation is serialised before the lock is taken, so
 * threads appending at once (the fleet's event loops, the senders) do not wait on each other's serialisation, only
 * on each other's write of a finished line.
 */
public final class HistoryWriter implements Closeable {
    private final BufferedWriter out;
    private final ObjectWriter json = History.JSON.writerFor(Op.class);

    public HistoryWriter(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void append(Op op) {
        try {
            String line = json.writeValueAsString(op);
            synchronized (this) {
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
