package io.chorus.harness.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The machine's processes as Linux's {@code /proc} shows them. Every process a run starts carries
 * {@code CHORUS_RUN=<run folder>} in its environment (children inherit it), which is how a later harness finds
 * them all again, PID reuse cannot fool it, and nothing is left behind.
 */
public final class ProcessTable {
    public static final String TAG_VARIABLE = "CHORUS_RUN";

    private final Path proc;

    public ProcessTable() {
        this(Path.of("/proc"));
    }

    ProcessTable(Path proc) {
        this.proc = proc;
    }

    /** True while the process exists and is not a zombie. */
    public boolean isAlive(long pid) {
        String stat = stat(pid);
        return stat != null && state(stat) != 'Z';
    }

    /** Processes whose environment carries the tag. */
    public List<Long> tagged(String tag) {
        byte[] needle = (TAG_VARIABLE + "=" + tag).getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> hasVariable(pid, needle) && isAlive(pid))
                    .forEach(found::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc, e);
        }
        return found;
    }

    /** The tagged processes in the process group led by {@code leader} (a component and its children). */
    public List<Long> group(String tag, long leader) {
        return tagged(tag).stream()
                .filter(pid -> processGroup(pid).orElse(-1) == leader)
                .toList();
    }

    public OptionalLong processGroup(long pid) {
        String stat = stat(pid);
        if (stat == null) {
            return OptionalLong.empty();
        }
        // fields after "(comm)": state ppid pgrp ...
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return OptionalLong.of(Long.parseLong(fields[2]));
    }

    /**
     * Asks the processes to stop (SIGTERM), waits up to {@code grace}, then kills what is left (SIGKILL) and waits
     * for those too. Returns the PIDs still alive at the end (empty unless the kernel refused).
     */
    public List<Long> stop(Collection<Long> pids, Duration grace) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        List<Long> left = awaitExit(pids, grace);
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        return awaitExit(left, Duration.ofSeconds(10));
    }

    /** Sends a signal by name (KILL, STOP, CONT, ...) with the system's kill command. */
    public void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            kill.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Long> awaitExit(Collection<Long> pids, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Long> alive = pids.stream().filter(this::isAlive).toList();
        while (!alive.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            alive = alive.stream().filter(this::isAlive).toList();
        }
        return alive;
    }

    /** Resident memory of a process in bytes (0 when it is gone). */
    public long residentBytes(long pid) {
        try {
            for (String line :
                    Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private boolean hasVariable(long pid, byte[] needle) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == needle.length
                        && java.util.Arrays.equals(environ, start, i, needle, 0, needle.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private String stat(long pid) {
        try {
            return Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return null;
        }
    }

    private static char state(String stat) {
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
