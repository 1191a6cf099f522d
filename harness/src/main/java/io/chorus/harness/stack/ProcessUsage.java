package io.chorus.harness.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of processes, read from Linux's {@code /proc}: {@code stat} for user plus system CPU
 * time, {@code status} for {@code VmRSS}. CPU time comes in clock ticks of {@code getconf CLK_TCK} (100 on every
 * Linux the harness runs on; assumed when {@code getconf} cannot answer).
 */
public final class ProcessUsage {
    public static final long DEFAULT_TICKS_PER_SECOND = 100;

    private final Path proc;
    private final long ticksPerSecond;

    public ProcessUsage() {
        this(Path.of("/proc"), clockTicks());
    }

    /** Reads a {@code /proc} mounted or copied elsewhere. */
    public ProcessUsage(Path proc, long ticksPerSecond) {
        this.proc = proc;
        this.ticksPerSecond = ticksPerSecond;
    }

    public long ticksPerSecond() {
        return ticksPerSecond;
    }

    /** Every process's stat line, parsed; a process that exits while it is read is left out. */
    public List<ProcessStat> all() {
        List<ProcessStat> stats = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        ProcessStat stat = stat(Long.parseLong(name));
                        if (stat != null) {
                            stats.add(stat);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc, e);
        }
        return stats;
    }

    /** The process's stat, or null when it is gone. */
    public ProcessStat stat(long pid) {
        try {
            return ProcessStat.parse(
                    Files.readString(proc.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Resident memory in bytes ({@code VmRSS}; 0 when the process is gone or is a kernel thread). */
    public long residentBytes(long pid) {
        return new ProcessTable(proc).residentBytes(pid);
    }

    /**
     * The CPU time the whole machine has spent busy since boot, every core together, in clock ticks: the first line
     * of {@code /proc/stat}, user + nice + system + irq + softirq + steal (idle and I/O wait are not busy); -1 when it
     * cannot be read.
     */
    public long machineBusyTicks() {
        try {
            String first = Files.readAllLines(proc.resolve("stat")).get(0);
            String[] f = first.trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 8) {
                return -1;
            }
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(f[i]);
            }
            return f.length > 8 ? busy + Long.parseLong(f[8]) : busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public double seconds(long ticks) {
        return (double) ticks / ticksPerSecond;
    }

    /** {@code getconf CLK_TCK}, or {@value #DEFAULT_TICKS_PER_SECOND} when it cannot be asked. */
    static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String answer =
                    new String(getconf.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(answer);
            }
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_TICKS_PER_SECOND;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_TICKS_PER_SECOND;
    }
}
