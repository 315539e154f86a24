package dev.iotemulator.junit5;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Says, once per JVM, when the test class path has no SLF4J provider: the emulator explains every refusal (a bad
 * signature, a denied publish, a malformed packet) in a log line, and SLF4J's no-operation fallback drops them all,
 * leaving the developer with a failing test and no reason. SLF4J's own notice names no consequence and no fix.
 */
final class LoggingCheck {

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private LoggingCheck() {
    }

    /** Prints the advice to standard error the first time it is called without an SLF4J provider. */
    static void adviseOnce() {
        advice(LoggerFactory.getILoggerFactory()).ifPresent(advice -> {
            if (TOLD.compareAndSet(false, true)) {
                System.err.println(advice);
            }
        });
    }

    /** The advice when {@code factory} is SLF4J's no-operation fallback; empty when a provider logs. */
    static Optional<String> advice(ILoggerFactory factory) {
        if (!(factory instanceof NOPLoggerFactory)) {
            return Optional.empty();
        }
        return Optional.of("iot-emulator: no SLF4J provider on the test class path, so the emulator's explanations "
                + "(why it refused a connection, a signature or a publish) are dropped. Add one to your test "
                + "dependencies, e.g. org.slf4j:slf4j-simple (README: \"Using it in your own project's tests\").");
    }
}
