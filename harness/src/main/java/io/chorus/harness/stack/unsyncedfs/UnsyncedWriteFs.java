package io.chorus.harness.stack.unsyncedfs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jnr.ffi.Pointer;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

/**
 * A FUSE passthrough over a backing folder that loses unsynced writes on command, the way a power loss does
 * (decision 0125). Each file's writes since its last fsync stay in this process's memory ({@link UnsyncedFile});
 * reads see them; fsync or fdatasync writes them to the backing file and forces it to disk; closing a file does not
 * (a page cache does not write back on close either). Writing anything to the control file {@value #CONTROL} at the
 * mount's root drops every unsynced write of the mount, and returns once they are gone; reading it says what the
 * last drop lost. {@link #writeBackOlderThan} is the kernel's periodic writeback, which its process runs. Metadata (create, mkdir, rename, unlink, rmdir, truncate, chmod, times) goes to the backing folder
 * at once, as durable as a journalled filesystem's metadata.
 */
public final class UnsyncedWriteFs extends FuseStubFS {
    /** The control file: a write to it is a power loss of the mount's unsynced writes. */
    public static final String CONTROL = ".unsynced-writes";

    private static final String CONTROL_PATH = "/" + CONTROL;
    private static final int UTIME_NOW = (1 << 30) - 1;
    private static final int UTIME_OMIT = (1 << 30) - 2;

    private final Path backing;
    private final Map<String, UnsyncedFile> unsynced = new HashMap<>();
    private final Map<Long, FileChannel> open = new ConcurrentHashMap<>();
    private final AtomicLong handles = new AtomicLong(1);
    private volatile String lastDrop = "no drop yet\n";

    public UnsyncedWriteFs(Path backing) {
        this.backing = backing.toAbsolutePath();
    }

    /** Drops every write not yet fsynced, as a power loss would; returns what was lost, in words. */
    public synchronized String dropUnsyncedWrites() {
        long bytes =
                unsynced.values().stream().mapToLong(UnsyncedFile::pendingBytes).sum();
        lastDrop = "dropped " + bytes + " bytes of unsynced pages in " + unsynced.size() + " files\n";
        unsynced.clear();
        return lastDrop;
    }

    /**
     * Writes to the backing files, without forcing them, the unsynced pages of every file first dirtied at least
     * {@code age} ago, as the kernel's flusher writes back an inode whose dirty pages have expired; they survive a
     * later drop. Returns how many files it wrote back.
     */
    public synchronized int writeBackOlderThan(Duration age) {
        long cutoff = System.nanoTime() - age.toNanos();
        int written = 0;
        for (var it = unsynced.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getValue().dirtySince() - cutoff <= 0) {
                try (FileChannel channel = FileChannel.open(real(entry.getKey()), StandardOpenOption.WRITE)) {
                    entry.getValue().writeThrough(channel);
                    it.remove();
                    written++;
                } catch (IOException e) {
                    // a file unlinked behind our back has nothing left to write back
                    it.remove();
                }
            }
        }
        return written;
    }

    /** How many files hold writes not yet fsynced. */
    public synchronized int filesWithUnsyncedWrites() {
        return unsynced.size();
    }

    @Override
    public int getattr(String path, FileStat stat) {
        if (path.equals(CONTROL_PATH)) {
            stat.st_mode.set(FileStat.S_IFREG | 0600);
            stat.st_nlink.set(1);
            stat.st_size.set(lastDrop.length());
            return 0;
        }
        try {
            Map<String, Object> a = Files.readAttributes(real(path), "unix:*", LinkOption.NOFOLLOW_LINKS);
            stat.st_mode.set((Integer) a.get("mode"));
            stat.st_ino.set((Long) a.get("ino"));
            stat.st_nlink.set((Integer) a.get("nlink"));
            stat.st_uid.set((Integer) a.get("uid"));
            stat.st_gid.set((Integer) a.get("gid"));
            stat.st_size.set(visibleSize(path, (Long) a.get("size")));
            stat.st_blksize.set(UnsyncedFile.PAGE);
            stat.st_blocks.set(((Long) a.get("size") + 511) / 512);
            time(stat.st_mtim, (FileTime) a.get("lastModifiedTime"));
            time(stat.st_atim, (FileTime) a.get("lastAccessTime"));
            time(stat.st_ctim, (FileTime) a.get("ctime"));
            return 0;
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filter, long offset, FuseFileInfo fi) {
        filter.apply(buf, ".", null, 0);
        filter.apply(buf, "..", null, 0);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(real(path))) {
            for (Path entry : entries) {
                filter.apply(buf, entry.getFileName().toString(), null, 0);
            }
            return 0;
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int mkdir(String path, long mode) {
        return io(() -> Files.createDirectory(real(path), permissions(mode)));
    }

    @Override
    public int rmdir(String path) {
        return io(() -> Files.delete(real(path)));
    }

    @Override
    public synchronized int unlink(String path) {
        if (path.equals(CONTROL_PATH)) {
            return -ErrorCodes.EPERM();
        }
        int result = io(() -> Files.delete(real(path)));
        if (result == 0) {
            unsynced.remove(path);
        }
        return result;
    }

    @Override
    public synchronized int rename(String from, String to) {
        if (from.equals(CONTROL_PATH) || to.equals(CONTROL_PATH)) {
            return -ErrorCodes.EPERM();
        }
        int result = io(() ->
                Files.move(real(from), real(to), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
        if (result == 0) {
            // the pages go with the file, and the file it replaced is gone with its own; a folder takes its files'
            unsynced.remove(to);
            unsynced.keySet().removeIf(p -> p.startsWith(to + "/"));
            Map<String, UnsyncedFile> moved = new HashMap<>();
            unsynced.entrySet().removeIf(e -> {
                if (e.getKey().equals(from) || e.getKey().startsWith(from + "/")) {
                    moved.put(to + e.getKey().substring(from.length()), e.getValue());
                    return true;
                }
                return false;
            });
            unsynced.putAll(moved);
        }
        return result;
    }

    @Override
    public int chmod(String path, long mode) {
        if (path.equals(CONTROL_PATH)) {
            return 0;
        }
        return io(() ->
                Files.setPosixFilePermissions(real(path), permissions(mode).value()));
    }

    @Override
    public int chown(String path, long uid, long gid) {
        return 0; // the backing folder's owner stays: the harness runs every engine as one user
    }

    @Override
    public int utimens(String path, Timespec[] times) {
        if (path.equals(CONTROL_PATH)) {
            return 0;
        }
        long nanos = times[1].tv_nsec.longValue();
        if (nanos == UTIME_OMIT) {
            return 0;
        }
        FileTime mtime = nanos == UTIME_NOW
                ? FileTime.fromMillis(System.currentTimeMillis())
                : FileTime.from(times[1].tv_sec.get() * 1_000_000_000L + nanos, TimeUnit.NANOSECONDS);
        return io(() -> Files.setLastModifiedTime(real(path), mtime));
    }

    @Override
    public synchronized int truncate(String path, long size) {
        if (path.equals(CONTROL_PATH)) {
            return 0;
        }
        try (RandomAccessFile file = new RandomAccessFile(real(path).toFile(), "rw")) {
            file.setLength(size);
            UnsyncedFile pending = unsynced.get(path);
            if (pending != null) {
                pending.truncate(size);
            }
            return 0;
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int ftruncate(String path, long size, FuseFileInfo fi) {
        return truncate(path, size);
    }

    @Override
    public int create(String path, long mode, FuseFileInfo fi) {
        try {
            Path file = real(path);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(file, permissions(mode));
            }
            return opened(file, fi);
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        if (path.equals(CONTROL_PATH)) {
            fi.fh.set(0);
            return 0;
        }
        try {
            return opened(real(path), fi);
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        if (path.equals(CONTROL_PATH)) {
            byte[] text = lastDrop.getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.max(0, Math.min(size, text.length - offset));
            buf.put(0, text, (int) Math.min(offset, text.length), n);
            return n;
        }
        FileChannel channel = open.get(fi.fh.get());
        if (channel == null) {
            return -ErrorCodes.EBADF();
        }
        ByteBuffer into = ByteBuffer.allocate((int) size);
        try {
            int n;
            synchronized (this) {
                UnsyncedFile pending = unsynced.get(path);
                n = pending != null ? pending.read(channel, offset, into) : readDurable(channel, offset, into);
            }
            buf.put(0, into.array(), 0, n);
            return n;
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int write(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        if (path.equals(CONTROL_PATH)) {
            dropUnsyncedWrites();
            return (int) size;
        }
        FileChannel channel = open.get(fi.fh.get());
        if (channel == null) {
            return -ErrorCodes.EBADF();
        }
        byte[] data = new byte[(int) size];
        buf.get(0, data, 0, data.length);
        try {
            synchronized (this) {
                UnsyncedFile pending = unsynced.get(path);
                if (pending == null) {
                    pending = new UnsyncedFile(channel.size(), System.nanoTime());
                    unsynced.put(path, pending);
                }
                pending.write(channel, offset, ByteBuffer.wrap(data));
            }
            return data.length;
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        if (path.equals(CONTROL_PATH)) {
            return 0;
        }
        FileChannel channel = open.get(fi.fh.get());
        if (channel == null) {
            return -ErrorCodes.EBADF();
        }
        try {
            synchronized (this) {
                UnsyncedFile pending = unsynced.remove(path);
                if (pending != null) {
                    pending.writeThrough(channel);
                }
            }
            channel.force(isdatasync == 0);
            return 0;
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int flush(String path, FuseFileInfo fi) {
        return 0; // close(2) of one descriptor: a page cache keeps the pages, and so does this
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        FileChannel channel = open.remove(fi.fh.get());
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                return errno(e);
            }
        }
        return 0;
    }

    @Override
    public int statfs(String path, Statvfs stat) {
        try {
            FileStore store = Files.getFileStore(backing);
            long block = store.getBlockSize();
            stat.f_bsize.set(block);
            stat.f_frsize.set(block);
            stat.f_blocks.set(store.getTotalSpace() / block);
            stat.f_bfree.set(store.getUnallocatedSpace() / block);
            stat.f_bavail.set(store.getUsableSpace() / block);
            stat.f_namemax.set(255);
            return 0;
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int access(String path, int mask) {
        return path.equals(CONTROL_PATH) || Files.exists(real(path), LinkOption.NOFOLLOW_LINKS)
                ? 0
                : -ErrorCodes.ENOENT();
    }

    private int opened(Path file, FuseFileInfo fi) throws IOException {
        List<OpenOption> options = List.of(StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel channel = FileChannel.open(file, Set.copyOf(options));
        long handle = handles.getAndIncrement();
        open.put(handle, channel);
        fi.fh.set(handle);
        return 0;
    }

    private synchronized long visibleSize(String path, long durableSize) {
        UnsyncedFile pending = unsynced.get(path);
        return pending == null ? durableSize : pending.size();
    }

    private static int readDurable(FileChannel channel, long offset, ByteBuffer into) throws IOException {
        long at = offset;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n <= 0) {
                break;
            }
            at += n;
        }
        return (int) (at - offset);
    }

    private Path real(String path) {
        return path.equals("/") ? backing : backing.resolve(path.substring(1));
    }

    private static java.nio.file.attribute.FileAttribute<Set<PosixFilePermission>> permissions(long mode) {
        StringBuilder text = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1L << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString(text.toString()));
    }

    private static void time(Timespec into, FileTime time) {
        long nanos = time.to(TimeUnit.NANOSECONDS);
        into.tv_sec.set(nanos / 1_000_000_000L);
        into.tv_nsec.set(nanos % 1_000_000_000L);
    }

    private interface Io {
        void run() throws IOException;
    }

    private static int io(Io action) {
        try {
            action.run();
            return 0;
        } catch (IOException e) {
            return errno(e);
        }
    }

    private static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return -ErrorCodes.ENOENT();
        }
        if (e instanceof FileAlreadyExistsException) {
            return -ErrorCodes.EEXIST();
        }
        if (e instanceof DirectoryNotEmptyException) {
            return -ErrorCodes.ENOTEMPTY();
        }
        if (e instanceof NotDirectoryException) {
            return -ErrorCodes.ENOTDIR();
        }
        if (e instanceof AccessDeniedException) {
            return -ErrorCodes.EACCES();
        }
        return -ErrorCodes.EIO();
    }
}
