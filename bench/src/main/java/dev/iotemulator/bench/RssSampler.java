package dev.iotemulator.bench;

import java.time.Duration;

/**
 * Samples a process's resident set ({@code VmRSS}) every 100 ms on a daemon thread and keeps the peak, so a scenario
 * can report how far the broker's memory grew under load. Stops when closed, or after {@code limit} at the latest.
 */
final class RssSampler implements AutoCloseable {

    private static final long PERIOD_MILLIS = 100;

    private final long pid;
    private final long startKb;
    private volatile long peakKb;
    private volatile boolean closed;
    private final Thread thread;

    private RssSampler(long pid, Duration limit) {
        this.pid = pid;
        this.startKb = ProcessProbe.rssKb(pid);
        this.peakKb = startKb;
        long deadline = System.nanoTime() + limit.toNanos();
        this.thread = new Thread(() -> sample(deadline), "rss-sampler-" + pid);
        thread.setDaemon(true);
    }

    static RssSampler start(long pid, Duration limit) {
        RssSampler sampler = new RssSampler(pid, limit);
        sampler.thread.start();
        return sampler;
    }

    private void sample(long deadline) {
        while (!closed && System.nanoTime() < deadline) {
            peakKb = Math.max(peakKb, ProcessProbe.rssKb(pid));
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long startKb() {
        return startKb;
    }

    /** The highest resident set seen; -1 if {@code /proc} could not be read. */
    long peakKb() {
        return peakKb;
    }

    /** A row {@code key}: the peak in MB, with the resident set at the start beside it. */
    Result result(String key) {
        double peakMb = peakKb < 0 ? Double.NaN : peakKb / 1024.0;
        String atStart = startKb < 0 ? "" : " (" + Format.number(startKb / 1024.0) + " at start)";
        return new Result(key, "MB", peakMb, Format.number(peakMb) + atStart, null, null);
    }

    /** Stops sampling after one last sample. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000); // so the last sample below is not overwritten by one in flight
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peakKb = Math.max(peakKb, ProcessProbe.rssKb(pid));
    }
}
