package io.chorus.harness.stack.unsyncedfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one file holds beyond its last fsync, the way a page cache holds it: the pages written since, in memory,
 * and the size those writes gave the file. Reads see these pages over the durable file; {@link #writeThrough}
 * puts them on the durable file (fsync); forgetting the object is a power loss for this file.
 *
 * <p>The durable file is never longer than {@link #size()}: writes only grow the size, and a truncate is applied to
 * both at once ({@link #truncate}). Not thread-safe: the filesystem serialises calls on one file.
 */
final class UnsyncedFile {
    static final int PAGE = 4096;

    private final TreeMap<Long, byte[]> pages = new TreeMap<>();
    private final long dirtySince;
    private long size;

    /**
     * @param durableSize the durable file's length when the first unsynced write came
     * @param dirtySince  when that was ({@link System#nanoTime()}), which the kernel's writeback goes by
     */
    UnsyncedFile(long durableSize, long dirtySince) {
        this.size = durableSize;
        this.dirtySince = dirtySince;
    }

    /** When the oldest of its unsynced writes came ({@link System#nanoTime()}). */
    long dirtySince() {
        return dirtySince;
    }

    /** The file's length as readers see it. */
    long size() {
        return size;
    }

    /** How many bytes of pages wait for an fsync (whole pages). */
    long pendingBytes() {
        return (long) pages.size() * PAGE;
    }

    void write(FileChannel durable, long offset, ByteBuffer data) throws IOException {
        long position = offset;
        while (data.hasRemaining()) {
            long index = position / PAGE;
            int within = (int) (position % PAGE);
            byte[] page = page(durable, index);
            int n = Math.min(PAGE - within, data.remaining());
            data.get(page, within, n);
            position += n;
        }
        size = Math.max(size, position);
    }

    /** Fills {@code into} from {@code offset} up to the file's size; returns how many bytes it read. */
    int read(FileChannel durable, long offset, ByteBuffer into) throws IOException {
        long end = Math.min(size, offset + into.remaining());
        long position = offset;
        while (position < end) {
            long index = position / PAGE;
            int within = (int) (position % PAGE);
            int n = (int) Math.min(PAGE - within, end - position);
            byte[] dirty = pages.get(index);
            if (dirty != null) {
                into.put(dirty, within, n);
            } else {
                readDurable(durable, position, into, n);
            }
            position += n;
        }
        return (int) Math.max(0, end - offset);
    }

    /**
     * The file's new length, already applied to the durable file by the caller: pages past it are forgotten and the
     * part of the last page past it is zeroed, so that growing the file again shows zeros there.
     */
    void truncate(long newSize) {
        long lastIndex = newSize / PAGE;
        pages.tailMap(lastIndex, newSize % PAGE == 0).clear();
        byte[] last = pages.get(lastIndex);
        if (last != null) {
            java.util.Arrays.fill(last, (int) (newSize % PAGE), PAGE, (byte) 0);
        }
        size = newSize;
    }

    /** Writes every pending page and the size to the durable file (the caller forces it to disk). */
    void writeThrough(FileChannel durable) throws IOException {
        for (Map.Entry<Long, byte[]> entry : pages.entrySet()) {
            long start = entry.getKey() * PAGE;
            int length = (int) Math.min(PAGE, size - start);
            if (length > 0) {
                ByteBuffer buffer = ByteBuffer.wrap(entry.getValue(), 0, length);
                long position = start;
                while (buffer.hasRemaining()) {
                    position += durable.write(buffer, position);
                }
            }
        }
        if (durable.size() > size) {
            durable.truncate(size);
        } else if (durable.size() < size) {
            // the last byte lies on a page never written: a zero of a hole, which gives the file its length
            durable.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
        pages.clear();
    }

    private byte[] page(FileChannel durable, long index) throws IOException {
        byte[] page = pages.get(index);
        if (page == null) {
            page = new byte[PAGE];
            long start = index * PAGE;
            // only what the file held before is read: bytes past its size are zeros (a hole)
            int known = (int) Math.max(0, Math.min(PAGE, size - start));
            if (known > 0) {
                ByteBuffer buffer = ByteBuffer.wrap(page, 0, known);
                readDurable(durable, start, buffer, known);
            }
            pages.put(index, page);
        }
        return page;
    }

    /** Reads {@code n} bytes at {@code position}; past the durable file's end they are zeros. */
    private static void readDurable(FileChannel durable, long position, ByteBuffer into, int n) throws IOException {
        int limit = into.limit();
        into.limit(into.position() + n);
        long at = position;
        while (into.hasRemaining()) {
            int read = durable.read(into, at);
            if (read <= 0) {
                while (into.hasRemaining()) {
                    into.put((byte) 0);
                }
                break;
            }
            at += read;
        }
        into.limit(limit);
    }
}
