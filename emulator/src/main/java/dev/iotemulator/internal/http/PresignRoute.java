package dev.iotemulator.internal.http;

import dev.iotemulator.internal.logging.LogValues;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.config.BrowserConfig.PresignIdentityConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /__emulator/presign?identity=<name>}: a short-lived presigned {@code ws://…/mqtt} URL for an identity of
 * browser.json, signed with its credentials.json key, whose secret stays in the emulator. It stands in for the
 * "API Gateway + Lambda presigner" pattern of browser apps. The URL is signed for the {@code Host} this request
 * came with, which is what the browser will send on the WebSocket too.
 */
final class PresignRoute implements Route.Handler {

    static final String PATH = "/__emulator/presign";
    private static final Logger LOG = LoggerFactory.getLogger(PresignRoute.class);

    private final BrowserAccess browser;
    private final CredentialStore credentials;
    private final String region;

    PresignRoute(BrowserAccess browser, CredentialStore credentials, String region) {
        this.browser = browser;
        this.credentials = credentials;
        this.region = region;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (HttpMethod.OPTIONS.equals(request.method())) {
            HttpResponses.send(ctx, HttpResponseStatus.OK, new byte[0],
                    h -> browser.cors().preflight(request, h, "GET, OPTIONS"));
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            send(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, error("MethodNotAllowedException",
                    "Use GET " + PATH + "?identity=<name>."));
            return;
        }
        List<PresignIdentityConfig> identities = browser.config().presignIdentities();
        List<String> names = identities.stream().map(PresignIdentityConfig::name).toList();
        List<String> asked = new QueryStringDecoder(request.uri()).parameters().get("identity");
        String name = asked != null && !asked.isEmpty() ? asked.get(0) : identities.size() == 1 ? names.get(0) : null;
        Optional<PresignIdentityConfig> identity = identities.stream().filter(i -> i.name().equals(name)).findFirst();
        if (identity.isEmpty()) {
            send(ctx, request, HttpResponseStatus.NOT_FOUND, error("ResourceNotFoundException", (name == null
                    ? "Name the identity: " + PATH + "?identity=<name>. " : "No presign identity '" + name + "'. ")
                    + "browser.json (config directory, --config-dir) defines " + (names.isEmpty() ? "none; add one "
                    + "under \"presignIdentities\"." : names + ".")));
            return;
        }
        PresignIdentityConfig config = identity.get();
        LocalCredential credential = credentials.findByName(config.credential()).orElseThrow();
        Instant now = browser.clock().instant();
        Optional<String> presigned = WebSocketUrls.presignedFor(ctx, request, credential, region, now,
                config.urlExpires().getSeconds());
        if (presigned.isEmpty()) {
            send(ctx, request, HttpResponseStatus.BAD_REQUEST, error("BadRequestException",
                    "The request has no usable Host header to sign the URL for."));
            return;
        }
        String url = presigned.get();
        LOG.info("event=url_presigned identity={} accessKeyId={} host={}", config.name(), credential.accessKeyId(),
                LogValues.escape(request.headers().get(HttpHeaderNames.HOST)));
        ObjectNode body = HttpResponses.JSON.createObjectNode()
                .put("url", url)
                .put("identity", config.name())
                .put("region", region)
                .put("expiresAt", now.plus(config.urlExpires()).getEpochSecond());
        send(ctx, request, HttpResponseStatus.OK, body);
    }

    private static ObjectNode error(String type, String message) {
        return HttpResponses.JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, ObjectNode body) {
        HttpResponses.send(ctx, status, body.toString().getBytes(StandardCharsets.UTF_8), h -> {
            h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            if (body.has("__type")) {
                h.set("x-amzn-ErrorType", body.get("__type").asText() + ":");
            }
            browser.cors().apply(request, h, "x-amzn-RequestId,x-amzn-ErrorType");
        });
    }
}
