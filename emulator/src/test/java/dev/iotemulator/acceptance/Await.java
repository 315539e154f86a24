package dev.iotemulator.acceptance;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, failing with a description of what was seen instead. */
final class Await {

    private Await() {
    }

    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> whatWasSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; " + whatWasSeen.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
