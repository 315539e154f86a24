package dev.iotemulator.internal.cli;

import dev.iotemulator.Endpoints;
import dev.iotemulator.IotEmulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one block printed at start-up: version, every endpoint, the console, region, config source, a ready presigned
 * URL.
 */
final class Banner {

    private Banner() {
    }

    static String render(IotEmulator emulator) {
        Endpoints e = emulator.endpoints();
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        b.append("AWS IoT Core emulator ").append(IotEmulator.version()).append(" ready in ")
                .append(emulator.startupNanos() / 1_000_000).append(" ms").append(nl);
        b.append("  MQTT over WebSocket  ").append(e.webSocketUri())
                .append("   (SigV4-presigned URL, service iotdevicegateway)").append(nl);
        b.append("  MQTT over TCP        ").append(e.mqttUri().map(Object::toString).orElse("off"))
                .append(e.mqttUri().isPresent() ? "   (local convenience; AWS has none)" : "").append(nl);
        b.append("  HTTP                 ").append(e.httpUri()).append("   (health: /__emulator/health)").append(nl);
        e.httpsUri().ifPresent(https -> b.append("  HTTPS + WSS          ").append(https)
                .append("   (wss://").append(e.tlsHost()).append(':').append(e.httpsPort())
                .append("/mqtt; ALPN x-amzn-mqtt-ca for client certificates)").append(nl));
        e.mqttsUri().ifPresent(mqtts -> b.append("  MQTT over TLS        ").append(mqtts)
                .append("   (client certificate, as AWS's port 8883)").append(nl));
        e.caCertificateFile().ifPresent(ca -> b.append("  CA certificate       ").append(ca)
                .append("   (trust it in TLS clients; also GET /__emulator/ca.pem)").append(nl));
        // With an admin token, the console's link carries it, so opening the link just works.
        b.append("  Console              ").append(e.httpUri()).append('/')
                .append(e.adminToken().map(t -> "?token=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse(""))
                .append("   (live messages, MQTT test client, refusals, shadows)").append(nl);
        b.append("  Browser demo         ").append(e.httpUri()).append("/__emulator/demo/").append(nl);
        e.adminToken().ifPresent(token -> b.append("  Admin token          ").append(token)
                .append("   (send as 'Authorization: Bearer <token>' to ").append(e.httpUri())
                .append("/__emulator/...)").append(nl));
        b.append("  Control plane        ").append(e.httpUri()).append("   (aws iot --endpoint-url ")
                .append(e.httpUri()).append("; iot-jobs-data too)").append(nl);
        b.append("  State                ").append(emulator.options().persistence()
                ? emulator.options().dataDir().resolve("store") + "   (registry, jobs, shadows, retained messages, "
                        + "sessions: kept across restarts)"
                : "in memory   (lost when the emulator stops; --persistence true with --data-dir keeps it)").append(nl);
        b.append("  Region               ").append(e.region()).append(nl);
        b.append("  Account              ").append(e.accountId()).append(nl);
        b.append("  Config               ").append(emulator.configSource()).append(" (")
                .append(emulator.credentialCount()).append(" access keys)").append(nl);
        b.append("  Presigned URL for ").append(e.defaultCredentials().accessKeyId())
                .append(" (valid for ").append(emulator.options().allowedClockSkew().toMinutes())
                .append(" min):").append(nl);
        b.append("    ").append(e.presignedWebSocketUri()).append(nl);
        return b.toString();
    }
}
