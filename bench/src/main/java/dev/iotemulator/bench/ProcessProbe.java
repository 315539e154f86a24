package dev.iotemulator.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a broker process uses, from {@code /proc}: its resident set, its CPU time (all threads, user and system), and
 * for a JVM the live heap after a full GC.
 */
final class ProcessProbe {

    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times; read once, 100 (Linux's usual) if unknown. */
    private static volatile long clockTicks;

    private ProcessProbe() {
    }

    /** utime + stime of the whole process (fields 14 and 15 of {@code /proc/<pid>/stat}) in clock ticks; -1 if unread. */
    static long cpuTicks(long pid) {
        try {
            return parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * utime + stime from one {@code /proc/<pid>/stat} line. Field 2, the command name, is in parentheses and may hold
     * spaces and parentheses itself, so the count starts after the last ')' (field 3 is the first after it).
     */
    static long parseCpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /**
     * utime + stime of the process's JIT compiler threads (HotSpot names them "C1 CompilerThreadN" and "C2
     * CompilerThreadN", cut to 15 characters), in clock ticks; 0 for a process that has none. A compiler thread that
     * ends between two readings takes its time out of this sum, so a difference of two readings is a lower bound.
     */
    static long jitTicks(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                        ticks += parseCpuTicks(stat);
                    }
                } catch (IOException | RuntimeException threadEnded) {
                    // The thread ended while the directory was listed.
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks;
    }

    static long clockTicksPerSecond() {
        if (clockTicks == 0) {
            clockTicks = readClockTicks();
        }
        return clockTicks;
    }

    private static long readClockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // getconf is missing; fall through to Linux's usual figure.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    static long rssKb(long pid) {
        try {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Runs {@code jcmd GC.run} then reads the heap's used size from {@code GC.heap_info}; -1 if jcmd fails. */
    static long liveHeapKb(long pid) {
        jcmd(pid, "GC.run");
        return parseHeapUsedKb(jcmd(pid, "GC.heap_info"));
    }

    /** The first "used NK" of {@code GC.heap_info} output: the whole heap's (the lines after it are regions). */
    static long parseHeapUsedKb(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
