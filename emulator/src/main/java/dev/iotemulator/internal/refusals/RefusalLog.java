package dev.iotemulator.internal.refusals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every connection or request the emulator turned away before an IoT policy was asked: SigV4 refusals (WebSocket
 * upgrades and the HTTP data plane), failed TLS handshakes, refused CONNECTs and MQTT protocol errors. The latest
 * {@value #KEEP} are kept for {@code GET /__emulator/refusals} and the console; IoT policy denials have their own
 * log ({@code authz.DenialLog}). Callers log their own line; this only keeps and announces.
 */
public final class RefusalLog {

    static final int KEEP = 200;

    /** What turned the client away. */
    public enum Kind {
        /** A presigned WebSocket URL or a signed HTTP request that did not verify. */
        SIGV4,
        /** A TLS handshake that failed, a client certificate refused. */
        TLS,
        /** An MQTT CONNECT refused before any policy applied (protocol level, client id, password, certificate). */
        CONNECT,
        /** A packet that broke MQTT or AWS IoT's rules, which closes the connection ({@code CLIENT_ERROR}). */
        PROTOCOL
    }

    /**
     * One refusal.
     *
     * @param reason a stable code: {@code SIGNATURE_MISMATCH}, {@code UNSUPPORTED_PROTOCOL}, {@code CLIENT_ERROR}, …
     * @param message what was wrong and how to fix it; never a secret
     * @param clientId the MQTT client id, when the refusal came after one was known
     * @param principal the access key id or certificate id, when known
     * @param remote the client's address as the emulator saw it
     * @param details further named values, in order, e.g. {@code canonicalRequest} and {@code stringToSign}
     */
    public record Refusal(Instant at, Kind kind, String reason, String message, String clientId, String principal,
            String remote, Map<String, String> details) {

        public Refusal {
            details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    private final Clock clock;
    private final AtomicLong count = new AtomicLong();
    private final ArrayDeque<Refusal> recent = new ArrayDeque<>();
    private final List<Consumer<Refusal>> listeners = new CopyOnWriteArrayList<>();

    public RefusalLog(Clock clock) {
        this.clock = clock;
    }

    /** Keeps a refusal (at the clock's time) and tells every listener, on the caller's thread. */
    public Refusal record(Kind kind, String reason, String message, String clientId, String principal, String remote,
            Map<String, String> details) {
        Refusal refusal = new Refusal(clock.instant(), kind, reason, message, clientId, principal, remote, details);
        synchronized (recent) {
            if (recent.size() == KEEP) {
                recent.removeFirst();
            }
            recent.addLast(refusal);
        }
        count.incrementAndGet();
        for (Consumer<Refusal> listener : listeners) {
            listener.accept(refusal);
        }
        return refusal;
    }

    /** How many refusals there have been since start, including those no longer kept. */
    public long count() {
        return count.get();
    }

    /** The latest refusals, oldest first. */
    public List<Refusal> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Calls {@code listener} with every refusal from now on, until removed. */
    public void listen(Consumer<Refusal> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<Refusal> listener) {
        listeners.remove(listener);
    }
}
