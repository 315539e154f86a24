package dev.iotemulator.benchmarks;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.util.Arrays;

/**
 * What an in-process emulator costs a test suite: the first start in a fresh JVM (cold), later starts in the same
 * JVM (warm), and {@link IotEmulator#close()}. A benchmark, not a test: run it with
 * {@code scripts/measure-start-stop.sh}, which starts a fresh JVM for each cold figure.
 */
public final class StartStopBenchmark {

    private StartStopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        boolean tls = args.length < 2 || !"without-tls".equals(args[1]);
        EmulatorOptions.Builder builder = EmulatorOptions.builder().dynamicPorts();
        EmulatorOptions options = (tls ? builder : builder.withoutTls()).build();

        long t0 = System.nanoTime();
        IotEmulator first = IotEmulator.start(options);
        long cold = System.nanoTime() - t0;
        first.close();

        long[] warm = new long[warmRuns];
        long[] stop = new long[warmRuns];
        long[] brokerGone = new long[warmRuns];
        for (int i = 0; i < warmRuns; i++) {
            long s = System.nanoTime();
            IotEmulator iot = IotEmulator.start(options);
            warm[i] = System.nanoTime() - s;
            long c = System.nanoTime();
            iot.close();
            stop[i] = System.nanoTime() - c;
            iot.awaitTermination();
            brokerGone[i] = System.nanoTime() - c;
        }
        first.awaitTermination();
        System.out.printf("cold start %.1f ms | warm start median %.1f ms (min %.1f, max %.1f) | close() median %.1f ms"
                + " (max %.1f) | broker fully stopped after %.0f ms (median, in the background)%n",
                ms(cold), median(warm), ms(min(warm)), ms(max(warm)), median(stop), ms(max(stop)), median(brokerGone));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return ms(sorted[sorted.length / 2]);
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
