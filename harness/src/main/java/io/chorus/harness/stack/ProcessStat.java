package io.chorus.harness.stack;

/**
 * What one line of {@code /proc/<pid>/stat} says about a process's cost: its parent and process group (which
 * component it belongs to) and the CPU time it has used in user and kernel mode, in clock ticks.
 */
public record ProcessStat(long pid, long parentPid, long processGroup, long cpuTicks) {
    /**
     * Parses the line. The command name in parentheses may hold spaces and parentheses itself, so the fields are
     * counted from the last {@code ')'}: state is field 3 of proc(5), ppid 4, pgrp 5, utime 14 and stime 15.
     *
     * @throws IllegalArgumentException when the line is not a stat line
     */
    public static ProcessStat parse(String line) {
        int close = line.lastIndexOf(')');
        int open = line.indexOf('(');
        if (open < 1 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        String[] fields = line.substring(close + 2).trim().split(" ");
        if (fields.length < 13) {
            throw new IllegalArgumentException("too few fields in /proc stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        // fields[0] is the state (field 3): ppid is field 4, pgrp 5, utime 14, stime 15
        return new ProcessStat(
                pid,
                Long.parseLong(fields[1]),
                Long.parseLong(fields[2]),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }
}
