package dev.iotemulator.bench;

import java.util.Arrays;

/**
 * Keeps every latency sample (the runs are bounded in message count, so there is no need for a histogram) and answers
 * nearest-rank percentiles. Not thread-safe: one per receiving event loop, merged at the end.
 */
final class LatencyRecorder {

    private long[] samples;
    private int size;
    private boolean sorted = true;

    LatencyRecorder(int expectedSamples) {
        samples = new long[Math.max(16, expectedSamples)];
    }

    void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[size++] = nanos;
        sorted = false;
    }

    int count() {
        return size;
    }

    /**
     * Nearest-rank percentile: the smallest sample such that at least {@code p} percent of samples are at or below
     * it. Answers -1 when there are no samples.
     */
    long percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
        }
        if (size == 0) {
            return -1;
        }
        sort();
        int rank = (int) Math.ceil(p / 100.0 * size);
        return samples[Math.max(rank, 1) - 1];
    }

    long max() {
        if (size == 0) {
            return -1;
        }
        sort();
        return samples[size - 1];
    }

    static LatencyRecorder merge(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder r : recorders) {
            total += r.size;
        }
        LatencyRecorder merged = new LatencyRecorder(total);
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.samples, 0, merged.samples, merged.size, r.size);
            merged.size += r.size;
        }
        merged.sorted = false;
        return merged;
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(samples, 0, size);
            sorted = true;
        }
    }
}
