package dev.iotemulator.internal.http.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.http.WebSocketUrls;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /__emulator/console/presign?accessKeyId=<key>}: a presigned WebSocket URL for any configured access key,
 * so the console's MQTT test client connects as that key, through the same SigV4 check, IoT policies and limits as a
 * device. The secret stays in the emulator; the answer names the key, never its secret.
 */
public final class ConsolePresignRoute implements Route.Handler {

    public static final String PATH = "/__emulator/console/presign";
    private static final long EXPIRES_SECONDS = 300;

    private final CredentialStore credentials;
    private final String region;
    private final Clock clock;

    public ConsolePresignRoute(CredentialStore credentials, String region, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String accessKeyId = HttpResponses.param(request, "accessKeyId",
                credentials.defaultCredential().accessKeyId());
        Optional<LocalCredential> credential = credentials.find(accessKeyId)
                .filter(c -> credentials.all().contains(c));
        if (credential.isEmpty()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException", "No access key "
                    + accessKeyId + " in credentials.json; GET /__emulator/identities lists them.");
            return;
        }
        Instant now = clock.instant();
        Optional<String> url = WebSocketUrls.presignedFor(ctx, request, credential.get(), region, now,
                EXPIRES_SECONDS);
        if (url.isEmpty()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "BadRequestException",
                    "The request has no usable Host header to sign the URL for.");
            return;
        }
        ObjectNode body = HttpResponses.JSON.createObjectNode().put("url", url.get())
                .put("accessKeyId", credential.get().accessKeyId()).put("name", credential.get().name())
                .put("expiresAt", now.plusSeconds(EXPIRES_SECONDS).getEpochSecond());
        // No CORS headers: only a page of this emulator's own origin (the console) may read a presigned URL.
        HttpResponses.send(ctx, HttpResponseStatus.OK, body.toString().getBytes(StandardCharsets.UTF_8), h -> h
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store"));
    }
}
