package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.Sample;
import io.chorus.harness.history.SendOk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a message costs each process of the run, from the {@value #CPU} and {@value #RSS} samples the run took once a
 * second: per component, the CPU time it used between its first and last sample, in microseconds per unit of its
 * work (a notification instance per event frame its sockets received, every other component per acknowledged
 * message), at the rate it was measured (acknowledged messages per second of phase time), with its peak and mean
 * resident memory. The simulation's calibration (issue 27) and the throughput work (issue 28) read this section.
 * A pure function of the history; null when the history has no samples.
 */
public final class ProcessCosts {
    /** Cumulative CPU seconds (user + system) of a component's processes. */
    public static final String CPU = "process.cpu_seconds";
    /** Resident memory of a component's processes, in bytes. */
    public static final String RSS = "process.rss_bytes";
    /** Cumulative busy CPU seconds of the whole machine, every core together ({@code /proc/stat}). */
    public static final String MACHINE_CPU = "machine.cpu_seconds";
    /** The source of the {@value #MACHINE_CPU} samples. */
    public static final String MACHINE = "machine";
    /** The harness JVM: load generator (Gatling in process), WebSocket fleet and probes. */
    public static final String HARNESS = "harness";
    /**
     * The harness JVM at rest with a fleet connected (pings and probes) stays under this many cores; a run waits for
     * {@link #QUIET_SAMPLES} such samples in a row before its first phase, and they are a calibration's idle
     * baseline (decision 0293).
     */
    public static final double QUIET_CORES = 0.25;

    public static final int QUIET_SAMPLES = 3;

    private static final String PER_MESSAGE = "acknowledged message";
    private static final String PER_FRAME = "delivered frame";
    static final int MIN_POINTS = 10;

    /**
     * @param unit         what {@code cpuMicrosPerUnit} divides by
     * @param marginalMicrosPerUnit the slope of the component's CPU against its units, second by second (least
     *     squares): what one more unit costs, without the CPU the process burns with no load at all; null unless the
     *     rate varied over the run (a ramp) across at least {@value #MIN_POINTS} seconds
     * @param units        how many of them the run had
     * @param cpuSeconds   CPU time used between the first and the last sample
     * @param cores        mean cores busy over that time ({@code cpuSeconds} / seconds sampled)
     */
    public record Component(
            String name,
            String unit,
            long units,
            double cpuSeconds,
            double cores,
            Double cpuMicrosPerUnit,
            Double marginalMicrosPerUnit,
            long rssPeakBytes,
            long rssMeanBytes) {}

    /**
     * Cores each component used over one sampling interval ending at {@code t} (seconds since the history's first
     * time, as the report's other series).
     */
    public record Point(double t, Map<String, Double> cores) {}

    /**
     * @param rate            acknowledged messages per second of phase time: the rate the costs were measured at
     * @param stackMicrosPerMessage the stack's processes together (every component but the harness), per message
     * @param machineMicrosPerMessage the same with the harness JVM
     * @param otherCores      the mean cores the machine was busy with outside every component (other processes,
     *     the kernel) while it was sampled; null without samples of the whole machine
     */
    public record Result(
            double secondsSampled,
            long messages,
            long frames,
            Double rate,
            Double stackMicrosPerMessage,
            Double machineMicrosPerMessage,
            List<Component> components,
            List<Point> series,
            Double otherCores) {}

    private ProcessCosts() {}

    public static Result of(History history) {
        Map<String, NavigableMap<Long, Double>> cpu = samples(history, CPU);
        if (cpu.isEmpty()) {
            return null;
        }
        Map<String, NavigableMap<Long, Double>> rss = samples(history, RSS);
        long messages = history.of(SendOk.class).count();
        long[] ackTimes =
                history.of(SendOk.class).mapToLong(SendOk::time).sorted().toArray();
        long[] frameTimes =
                history.of(Receipt.class).mapToLong(Receipt::time).sorted().toArray();
        Map<String, long[]> frameTimesByInstance = new LinkedHashMap<>();
        history.of(Receipt.class)
                .collect(java.util.stream.Collectors.groupingBy(
                        r -> String.valueOf(r.instance()),
                        java.util.stream.Collectors.mapping(Receipt::time, java.util.stream.Collectors.toList())))
                .forEach((instance, times) -> frameTimesByInstance.put(
                        instance,
                        times.stream().mapToLong(Long::longValue).sorted().toArray()));
        Map<String, Long> framesByInstance = new LinkedHashMap<>();
        history.of(Receipt.class).forEach(r -> framesByInstance.merge(String.valueOf(r.instance()), 1L, Long::sum));
        long frames =
                framesByInstance.values().stream().mapToLong(Long::longValue).sum();
        long notifications =
                cpu.keySet().stream().filter(ProcessCosts::isNotification).count();

        List<Component> components = new ArrayList<>();
        double stackSeconds = 0;
        double machineSeconds = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Map.Entry<String, NavigableMap<Long, Double>> e : cpu.entrySet()) {
            NavigableMap<Long, Double> readings = e.getValue();
            first = Math.min(first, readings.firstKey());
            last = Math.max(last, readings.lastKey());
            double used =
                    readings.lastEntry().getValue() - readings.firstEntry().getValue();
            double span = (readings.lastKey() - readings.firstKey()) / 1e6;
            boolean notification = isNotification(e.getKey());
            long units = notification
                    ? framesByInstance.getOrDefault(e.getKey(), notifications == 0 ? 0 : frames / notifications)
                    : messages;
            NavigableMap<Long, Double> memory = rss.getOrDefault(e.getKey(), new TreeMap<>());
            components.add(new Component(
                    e.getKey(),
                    notification ? PER_FRAME : PER_MESSAGE,
                    units,
                    used,
                    span > 0 ? used / span : 0,
                    units > 0 ? used * 1e6 / units : null,
                    marginal(
                            readings,
                            notification ? frameTimesByInstance.getOrDefault(e.getKey(), frameTimes) : ackTimes),
                    (long) memory.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .max()
                            .orElse(0),
                    (long) memory.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElse(0)));
            machineSeconds += used;
            if (!e.getKey().equals(HARNESS)) {
                stackSeconds += used;
            }
        }
        return new Result(
                (last - first) / 1e6,
                messages,
                frames,
                rate(history, messages),
                messages > 0 ? stackSeconds * 1e6 / messages : null,
                messages > 0 ? machineSeconds * 1e6 / messages : null,
                components,
                series(cpu, history.span()[0]),
                otherCores(samples(history, MACHINE_CPU).get(MACHINE), cpu));
    }

    /**
     * The machine's busy CPU over its samples less what the components used over the same interval (each
     * component's readings interpolated at the machine's first and last sample time), in cores.
     */
    private static Double otherCores(NavigableMap<Long, Double> machine, Map<String, NavigableMap<Long, Double>> cpu) {
        if (machine == null || machine.size() < 2) {
            return null;
        }
        long from = machine.firstKey();
        long to = machine.lastKey();
        double used = machine.lastEntry().getValue() - machine.firstEntry().getValue();
        for (NavigableMap<Long, Double> readings : cpu.values()) {
            used -= at(readings, to) - at(readings, from);
        }
        return Math.max(0, used / ((to - from) / 1e6));
    }

    /** A cumulative reading at {@code time}: the last one at or before it (the first when none is). */
    private static double at(NavigableMap<Long, Double> readings, long time) {
        Map.Entry<Long, Double> e = readings.floorEntry(time);
        return e != null ? e.getValue() : readings.firstEntry().getValue();
    }

    /**
     * Least-squares slope of CPU seconds per interval against units per interval, over the intervals with units, in
     * microseconds per unit; null when the units did not vary (a fixed rate cannot tell the idle CPU from the
     * per-unit CPU).
     */
    private static Double marginal(NavigableMap<Long, Double> readings, long[] unitTimes) {
        List<double[]> points = new ArrayList<>(); // [units, cpu seconds]
        Map.Entry<Long, Double> previous = null;
        for (Map.Entry<Long, Double> reading : readings.entrySet()) {
            if (previous != null) {
                int units = count(unitTimes, previous.getKey(), reading.getKey());
                // a second without units is the idle baseline's (and, before the first phase, the seeding's): as a
                // point at rate 0 it would make any fixed-rate run a two-rate ramp from idle to load
                if (units > 0) {
                    points.add(new double[] {units, Math.max(0, reading.getValue() - previous.getValue())});
                }
            }
            previous = reading;
        }
        if (points.size() < MIN_POINTS) {
            return null;
        }
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxx = points.stream()
                .mapToDouble(p -> (p[0] - meanX) * (p[0] - meanX))
                .sum();
        double sxy = points.stream()
                .mapToDouble(p -> (p[0] - meanX) * (p[1] - meanY))
                .sum();
        // a fixed rate's units vary as Poisson noise (variance = mean): a slope needs a rate that moved well beyond it
        return sxx < 4 * points.size() * Math.max(1, meanX) ? null : sxy / sxx * 1e6;
    }

    /** How many of the sorted times fall in (from, to]. */
    private static int count(long[] sorted, long from, long to) {
        return upperBound(sorted, to) - upperBound(sorted, from);
    }

    private static int upperBound(long[] sorted, long value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static boolean isNotification(String component) {
        return component.startsWith("notification");
    }

    /** Source to time-ordered readings of one metric. */
    private static Map<String, NavigableMap<Long, Double>> samples(History history, String metric) {
        Map<String, NavigableMap<Long, Double>> bySource = new TreeMap<>();
        history.of(Sample.class)
                .filter(s -> s.metric().equals(metric))
                .forEach(s -> bySource.computeIfAbsent(s.source(), k -> new TreeMap<>())
                        .put(s.time(), s.value()));
        return bySource;
    }

    private static Double rate(History history, long messages) {
        long start =
                history.of(PhaseWindow.class).mapToLong(PhaseWindow::time).min().orElse(0);
        long end =
                history.of(PhaseWindow.class).mapToLong(PhaseWindow::end).max().orElse(0);
        return end > start ? messages / ((end - start) / 1e6) : null;
    }

    /**
     * Cores per component per sampling interval, on the sweep times (the probe writes every component of a sweep
     * with one time, so intervals line up across components).
     */
    private static List<Point> series(Map<String, NavigableMap<Long, Double>> cpu, long origin) {
        TreeMap<Long, Map<String, Double>> byTime = new TreeMap<>();
        cpu.forEach((component, readings) -> {
            Map.Entry<Long, Double> previous = null;
            for (Map.Entry<Long, Double> reading : readings.entrySet()) {
                if (previous != null) {
                    double seconds = (reading.getKey() - previous.getKey()) / 1e6;
                    double used = Math.max(0, reading.getValue() - previous.getValue());
                    byTime.computeIfAbsent(reading.getKey(), t -> new LinkedHashMap<>())
                            .put(component, used / seconds);
                }
                previous = reading;
            }
        });
        List<Point> points = new ArrayList<>();
        byTime.forEach((t, cores) -> points.add(new Point((t - origin) / 1e6, cores)));
        return points;
    }
}
