package dev.iotemulator.internal.tls;

import dev.iotemulator.internal.registry.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the TLS listeners need: the local CA, the registered device certificates and the TLS context. Making them
 * takes a few hundred milliseconds on a cold JVM (key generation, JSSE start-up), so it runs on its own thread while
 * the rest of the emulator starts, and TLS connections that arrive before it is done wait for it.
 *
 * @param certificates the device certificate registry, whose authority is the local CA
 * @param tls the TLS configuration of both TLS listeners
 */
public record TlsSetup(DeviceCertificates certificates, ServerTls tls) {

    /** Starts making the set-up on a new thread, which completes {@code result} or fails it with what went wrong. */
    public static void start(CompletableFuture<TlsSetup> result, Path dataDir, List<String> serverNames,
            Registry registry, Clock clock) {
        Thread thread = new Thread(() -> {
            try {
                CertificateAuthority ca = CertificateAuthority.loadOrCreate(dataDir, clock);
                DeviceCertificates certificates = new DeviceCertificates(ca, registry, dataDir, clock);
                certificates.loadCreated();
                result.complete(new TlsSetup(certificates, new ServerTls(certificates, serverNames)));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "iot-tls-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The device certificates once the set-up is done; null while it is in progress, after a failure, or without
     * TLS.
     */
    public static DeviceCertificates certificatesIfReady(CompletableFuture<TlsSetup> setup) {
        TlsSetup ready = setup == null ? null : setup.getNow(null);
        return ready == null ? null : ready.certificates();
    }
}
