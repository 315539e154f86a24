package dev.iotemulator.internal.cli;

import dev.iotemulator.IotEmulator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops the process the way container runtimes and shells expect: on SIGTERM ({@code docker stop}) or SIGINT
 * (Ctrl-C) the emulator closes its listeners and connections, logs that it stopped, and {@code main} exits with 0.
 * The JVM's own handling would run the shutdown hooks and exit with 143 (128 + SIGTERM), which orchestrators report as
 * a failure. The embedded broker is not waited for: it holds nothing that outlives the process, and its shutdown
 * takes about 2 s.
 *
 * <p>A shutdown hook covers every other way the JVM ends.
 */
final class StopOnSignal {

    private static final Logger LOG = LoggerFactory.getLogger(StopOnSignal.class);

    private StopOnSignal() {
    }

    /** @param stopped counted down once the emulator is closed, which lets {@code main} return 0 */
    static void install(IotEmulator emulator, CountDownLatch stopped) {
        AtomicBoolean stopping = new AtomicBoolean();
        long startedAt = System.nanoTime();
        java.util.function.Consumer<String> stop = cause -> {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            long t0 = System.nanoTime();
            LOG.info("event=stopping cause={}", cause);
            emulator.close();
            LOG.info("event=stopped cause={} stopMs={} uptimeSeconds={}", cause, (System.nanoTime() - t0) / 1_000_000,
                    (System.nanoTime() - startedAt) / 1_000_000_000);
            stopped.countDown();
        };
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> stop.accept("SIG" + signal.getName()));
            } catch (IllegalArgumentException unavailable) {
                // This platform or JVM (-Xrs) does not let the application handle it; the hook below still runs.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.accept("shutdown"), "iot-emulator-shutdown"));
    }
}
