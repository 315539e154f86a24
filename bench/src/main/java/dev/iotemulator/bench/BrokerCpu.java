package dev.iotemulator.bench;

/**
 * The broker process's CPU time (every thread, user and system) over one measured interval, divided by what the
 * interval achieved: deliveries or connects. The clock tick is 10 ms, so short intervals are coarse; the display says
 * how much CPU time the figure rests on, and for a JVM how much of it its JIT compilers took (a warm-up cost that a
 * short run does not amortise).
 */
final class BrokerCpu {

    private final long pid;
    private final long startTicks;
    private final long startJitTicks;
    private long endTicks = -1;
    private long endJitTicks;

    private BrokerCpu(long pid) {
        this.pid = pid;
        this.startJitTicks = ProcessProbe.jitTicks(pid);
        this.startTicks = ProcessProbe.cpuTicks(pid);
    }

    /** Starts an interval now. */
    static BrokerCpu start(long pid) {
        return new BrokerCpu(pid);
    }

    /** Ends the interval now; later calls keep the first end. */
    BrokerCpu stop() {
        if (endTicks < 0) {
            endTicks = ProcessProbe.cpuTicks(pid);
            endJitTicks = ProcessProbe.jitTicks(pid);
        }
        return this;
    }

    /** A row {@code key} in microseconds of CPU time per unit of {@code count}, e.g. per unique delivery. */
    Result per(String key, String unit, long count) {
        stop();
        if (startTicks < 0 || endTicks < 0 || count <= 0) {
            return Result.text(key, unit, startTicks < 0 || endTicks < 0 ? "n/a (/proc unreadable)" : "-");
        }
        return result(key, unit, endTicks - startTicks, Math.max(0, endJitTicks - startJitTicks), count,
                ProcessProbe.clockTicksPerSecond());
    }

    /**
     * The row for {@code ticks} of CPU time, {@code jitTicks} of them in JIT compiler threads, over {@code count}.
     * Less than one tick has no value to divide by, only a bound.
     */
    static Result result(String key, String unit, long ticks, long jitTicks, long count, long ticksPerSecond) {
        double tickMicros = 1e6 / ticksPerSecond;
        if (ticks <= 0) {
            return Result.text(key, unit, "< " + Format.number(tickMicros / count) + " (under one "
                    + Format.number(tickMicros / 1000) + " ms tick / " + count + ")");
        }
        double each = ticks * tickMicros / count;
        String jit = jitTicks > 0 ? ", " + Math.round(100.0 * jitTicks / ticks) + " % JIT" : "";
        return new Result(key, unit, each, Format.number(each) + " (" + Format.number(ticks * tickMicros / 1e6)
                + " s CPU / " + count + jit + ")", null, null);
    }
}
