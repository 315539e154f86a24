package dev.iotemulator.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.out} and {@code System.err} of the test JVM, routed into the buffer of the scope that is open (a test,
 * or a test class between its tests) instead of the console. The emulator logs through slf4j-simple, which writes to
 * whatever {@code System.err} is at the time, so its lines land here too, from whichever thread they come.
 *
 * <p>Scopes nest: closing one makes the enclosing one current again. Text written while no scope is open goes to the
 * console as before.
 */
public final class CapturedOutput {

    /** Enough for any test's log; beyond it only the count of dropped bytes is kept. */
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final PrintStream CONSOLE_ERR = System.err;
    private static final Object LOCK = new Object();
    private static boolean installed;
    private static Scope current;

    private CapturedOutput() {
    }

    /** Opens a scope; from now on output goes into it until {@link Scope#close()}. */
    public static Scope open(String name) {
        synchronized (LOCK) {
            if (!installed) {
                installed = true;
                System.setOut(new PrintStream(new Router(System.out), true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(new Router(System.err), true, StandardCharsets.UTF_8));
            }
            current = new Scope(name, current);
            return current;
        }
    }

    /**
     * What the current scope (the running test, normally) has captured so far, for tests that assert what the
     * emulator logged.
     */
    public static String ofCurrentScope() {
        synchronized (LOCK) {
            return current == null ? "" : current.text();
        }
    }

    /** One test's or one class's output. */
    public static final class Scope implements AutoCloseable {
        private final String name;
        private final Scope enclosing;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long dropped;
        private boolean closed;

        private Scope(String name, Scope enclosing) {
            this.name = name;
            this.enclosing = enclosing;
        }

        private void write(byte[] b, int off, int len) {
            int room = Math.max(0, MAX_BYTES - bytes.size());
            bytes.write(b, off, Math.min(room, len));
            dropped += Math.max(0, len - room);
        }

        /** The captured text. */
        public String text() {
            synchronized (LOCK) {
                return bytes.toString(StandardCharsets.UTF_8)
                        + (dropped > 0 ? "\n[" + dropped + " more bytes not kept]\n" : "");
            }
        }

        /**
         * Hands the captured text on to the enclosing scope (or the console, outside every scope), framed with the
         * scope's name: what a failed test shows. A test that passes never calls it.
         */
        public void show(String why) {
            synchronized (LOCK) {
                String text = text();
                if (text.isEmpty()) {
                    return;
                }
                byte[] framed = ("---- output of " + name + " (" + why + ") ----\n" + text
                        + (text.endsWith("\n") ? "" : "\n") + "---- end of " + name + " ----\n")
                        .getBytes(StandardCharsets.UTF_8);
                if (enclosing != null && !enclosing.closed) {
                    enclosing.write(framed, 0, framed.length);
                } else {
                    CONSOLE_ERR.write(framed, 0, framed.length);
                    CONSOLE_ERR.flush();
                }
            }
        }

        /** Makes the enclosing scope current again; output from now on goes there. */
        @Override
        public void close() {
            synchronized (LOCK) {
                closed = true;
                if (current == this) {
                    current = enclosing;
                    while (current != null && current.closed) {
                        current = current.enclosing;
                    }
                }
            }
        }
    }

    /** Writes into the current scope, or to the stream it replaced when no scope is open. */
    private static final class Router extends OutputStream {
        private final PrintStream console;

        Router(PrintStream console) {
            this.console = console;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (LOCK) {
                if (current != null) {
                    current.write(b, off, len);
                    return;
                }
            }
            console.write(b, off, len);
        }

        @Override
        public void flush() {
            console.flush();
        }
    }
}
