package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessUsageTest {
    /** A real stat line of a JVM whose command name holds a space and a parenthesis (field 2 may hold anything). */
    private static final String STAT = "4242 (java (main) x) S 1 4240 4240 0 -1 4194560 95874 0 12 0 1234 567 3 4 20 0 "
            + "57 0 8177396 6043127808 60525 18446744073709551615 1 1 0 0 0 0 0 4096 16899 0 0 0 17 1 0 0 0 0 0";

    @Test
    void aStatLineGivesTheProcessGroupAndUserPlusSystemTicks() {
        ProcessStat stat = ProcessStat.parse(STAT);

        assertThat(stat.pid()).isEqualTo(4242);
        assertThat(stat.parentPid()).isEqualTo(1);
        assertThat(stat.processGroup()).isEqualTo(4240);
        assertThat(stat.cpuTicks()).isEqualTo(1234 + 567); // children's cutime/cstime (3, 4) are not ours
    }

    @Test
    void aLineThatIsNoStatLineIsRefused() {
        assertThatThrownBy(() -> ProcessStat.parse("VmRSS: 12 kB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFakeProcReadsCpuSecondsAndResidentMemory(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/stat"), STAT);
        Files.writeString(proc.resolve("4242/status"), "Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  242100 kB\n");
        Files.createDirectories(proc.resolve("self"));
        ProcessUsage usage = new ProcessUsage(proc, 100);

        assertThat(usage.all()).containsExactly(new ProcessStat(4242, 1, 4240, 1801));
        assertThat(usage.seconds(1801)).isEqualTo(18.01);
        assertThat(usage.residentBytes(4242)).isEqualTo(242_100L * 1024);
        assertThat(usage.stat(7)).isNull(); // gone
    }

    @Test
    void thisJvmHasCpuTimeThatGrowsWithWorkAndResidentMemory() {
        ProcessUsage usage = new ProcessUsage();
        long pid = ProcessHandle.current().pid();
        ProcessStat before = usage.stat(pid);
        // 0.3 s of this thread's CPU time (not wall time: the machine is shared), well above one 10 ms tick
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long spin = threads.getCurrentThreadCpuTime() + 300_000_000L;
        double sink = 0;
        while (threads.getCurrentThreadCpuTime() < spin) {
            sink += Math.sqrt(sink + 1);
        }
        ProcessStat after = usage.stat(pid);

        assertThat(sink).isPositive();
        assertThat(usage.ticksPerSecond()).isPositive();
        assertThat(before.pid()).isEqualTo(pid);
        assertThat(usage.seconds(after.cpuTicks() - before.cpuTicks())).isGreaterThan(0.25);
        assertThat(usage.residentBytes(pid)).isGreaterThan(10L << 20);
        assertThat(usage.all()).extracting(ProcessStat::pid).contains(pid);
    }

    @Test
    void theMachinesBusyTicksAreEveryCoresTimeButIdleAndIoWait(@TempDir Path proc) throws Exception {
        // user nice system idle iowait irq softirq steal guest guest_nice
        Files.writeString(proc.resolve("stat"), "cpu  100 2 30 5000 40 5 6 7 0 0\ncpu0 50 1 15 2500 20 2 3 3 0 0\n");

        assertThat(new ProcessUsage(proc, 100).machineBusyTicks()).isEqualTo(100 + 2 + 30 + 5 + 6 + 7);
        assertThat(new ProcessUsage(proc.resolve("absent"), 100).machineBusyTicks())
                .isEqualTo(-1);
    }
}
