package dev.iotemulator.internal.http.admin;

import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.authz.Authorizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.tls.DeviceCertificates;
import dev.iotemulator.internal.tls.Pem;
import dev.iotemulator.internal.tls.TlsSetup;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The X.509 admin routes:
 * <ul>
 *   <li>{@code GET /__emulator/ca.pem}: the local CA certificate, for clients to trust;</li>
 *   <li>{@code POST /__emulator/certificates}: creates a device key pair and certificate signed by the local CA and
 *       registers it, as {@code CreateKeysAndCertificate} plus {@code AttachPolicy} and
 *       {@code AttachThingPrincipal}; body {@code {"thingName": "...", "policies": ["..."], "setAsActive": true}},
 *       every field optional; answers with AWS's response fields;</li>
 *   <li>{@code GET /__emulator/certificates}: every registered certificate, without private keys;</li>
 *   <li>{@code PUT /__emulator/certificates/<id>}: body {@code {"status": "ACTIVE|INACTIVE|REVOKED"}}, as
 *       {@code UpdateCertificate}.</li>
 * </ul>
 */
public final class CertificatesRoute implements Route.Handler {

    public static final String CA_PATH = "/__emulator/ca.pem";
    public static final String PATH = "/__emulator/certificates";
    private static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");

    private final CompletableFuture<TlsSetup> tls;
    private final Authorizer authorizer;

    /** @param tls the TLS set-up, possibly in progress; null when TLS is off */
    public CertificatesRoute(CompletableFuture<TlsSetup> tls, Authorizer authorizer) {
        this.tls = tls;
        this.authorizer = authorizer;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (tls == null) {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                    "TLS is off in this emulator, so there is no CA and no device certificates.");
            return;
        }
        if (tls.isDone() && !tls.isCompletedExceptionally()) {
            serve(ctx, request, path, tls.join().certificates());
            return;
        }
        // Still being set up at start-up (or failed): answer once it is done.
        request.retain();
        tls.whenComplete((setup, failure) -> ctx.executor().execute(() -> {
            try {
                if (failure != null) {
                    HttpResponses.sendError(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableException",
                            "TLS could not be set up: " + failure.getMessage());
                } else {
                    serve(ctx, request, path, setup.certificates());
                }
            } finally {
                request.release();
            }
        }));
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, String path,
            DeviceCertificates certificates) {
        HttpMethod method = request.method();
        if (CA_PATH.equals(path) && HttpMethod.GET.equals(method)) {
            byte[] pem = certificates.authority().certificatePem().getBytes(StandardCharsets.US_ASCII);
            HttpResponses.send(ctx, HttpResponseStatus.OK, pem, h -> h
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/x-pem-file")
                    .set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"iot-emulator-root-ca.pem\""));
        } else if (PATH.equals(path) && HttpMethod.POST.equals(method)) {
            create(ctx, request, certificates);
        } else if (PATH.equals(path) && HttpMethod.GET.equals(method)) {
            list(ctx, certificates);
        } else if (path.startsWith(PATH + "/") && HttpMethod.PUT.equals(method)) {
            update(ctx, request, certificates, path.substring(PATH.length() + 1));
        } else {
            HttpResponses.sendError(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "MethodNotAllowedException",
                    "Use GET " + CA_PATH + ", POST or GET " + PATH + ", or PUT " + PATH + "/<certificateId>.");
        }
    }

    private void create(ChannelHandlerContext ctx, FullHttpRequest request, DeviceCertificates certificates) {
        Optional<JsonNode> body = body(ctx, request);
        if (body.isEmpty()) {
            return;
        }
        JsonNode json = body.get();
        List<String> things = new ArrayList<>();
        JsonNode thing = json.get("thingName");
        if (thing != null && !thing.isNull()) {
            if (!thing.isTextual() || !THING_NAME.matcher(thing.asText()).matches()) {
                badRequest(ctx, "thingName must be 1-128 of the characters a-z A-Z 0-9 : _ - as AWS IoT thing names "
                        + "are, not " + thing + ".");
                return;
            }
            things.add(thing.asText());
        }
        List<String> policies = new ArrayList<>(new LinkedHashSet<>(texts(json.get("policies"))));
        List<String> unknown = policies.stream().filter(p -> !authorizer.policyExists(p)).toList();
        if (!unknown.isEmpty()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                    "No policy named " + unknown + ": create it with CreatePolicy, or put it under policies/ in the "
                            + "configuration directory, named without .json.");
            return;
        }
        JsonNode active = json.get("setAsActive");
        boolean setAsActive = active == null || active.asBoolean(true);
        // An RSA key pair takes tens of milliseconds: make it off the I/O thread that other clients share.
        CompletableFuture.supplyAsync(() -> certificates.create(policies, things, setAsActive))
                .whenComplete((created, failure) -> ctx.executor().execute(() -> {
                    if (failure != null) {
                        HttpResponses.sendError(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                "InternalFailureException", "Could not create the certificate: "
                                        + (failure.getCause() != null ? failure.getCause() : failure).getMessage());
                    } else {
                        sendCreated(ctx, created, certificates);
                    }
                }));
    }

    private void sendCreated(ChannelHandlerContext ctx, DeviceCertificates.Created created,
            DeviceCertificates certificates) {
        DeviceCertificates.Registered r = created.registered();
        ObjectNode out = HttpResponses.JSON.createObjectNode()
                .put("certificateArn", authorizer.arns().certificate(r.id()))
                .put("certificateId", r.id())
                .put("certificatePem", r.pem());
        out.putObject("keyPair")
                .put("PublicKey", Pem.write(created.keys().getPublic()))
                .put("PrivateKey", Pem.write(created.keys().getPrivate()));
        out.put("caCertificatePem", certificates.authority().certificatePem());
        describe(out, r);
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, out, null);
    }

    private void list(ChannelHandlerContext ctx, DeviceCertificates certificates) {
        ObjectNode out = HttpResponses.JSON.createObjectNode();
        ArrayNode list = out.putArray("certificates");
        for (DeviceCertificates.Registered r : certificates.all()) {
            ObjectNode entry = list.addObject()
                    .put("certificateArn", authorizer.arns().certificate(r.id()))
                    .put("certificateId", r.id());
            describe(entry, r);
        }
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, out, null);
    }

    private void update(ChannelHandlerContext ctx, FullHttpRequest request, DeviceCertificates certificates,
            String id) {
        Optional<JsonNode> body = body(ctx, request);
        if (body.isEmpty()) {
            return;
        }
        String status = body.get().path("status").asText("").toUpperCase(Locale.ROOT);
        Certificate.Status newStatus;
        try {
            newStatus = Certificate.Status.valueOf(status);
            if (newStatus.ordinal() > Certificate.Status.REVOKED.ordinal()) {
                throw new IllegalArgumentException(status);
            }
        } catch (IllegalArgumentException e) {
            badRequest(ctx, "status must be ACTIVE, INACTIVE or REVOKED, as in {\"status\":\"REVOKED\"}.");
            return;
        }
        Optional<DeviceCertificates.Registered> updated = certificates.updateStatus(id, newStatus);
        if (updated.isEmpty()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                    "No certificate " + id + "; GET " + PATH + " lists them.");
            return;
        }
        ObjectNode out = HttpResponses.JSON.createObjectNode().put("certificateId", id);
        describe(out, updated.get());
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, out, null);
    }

    private static void describe(ObjectNode out, DeviceCertificates.Registered r) {
        out.put("status", r.status().name()).put("source", r.source()).put("creationDate", r.createdAt().toString());
        ArrayNode policies = out.putArray("policies");
        r.policies().forEach(policies::add);
        ArrayNode things = out.putArray("things");
        r.things().forEach(things::add);
    }

    private static Optional<JsonNode> body(ChannelHandlerContext ctx, FullHttpRequest request) {
        byte[] bytes = ByteBufUtil.getBytes(request.content());
        if (bytes.length == 0) {
            return Optional.of(HttpResponses.JSON.createObjectNode());
        }
        try {
            JsonNode json = HttpResponses.JSON.readTree(bytes);
            if (json != null && json.isObject()) {
                return Optional.of(json);
            }
        } catch (IOException e) {
            // answered below
        }
        badRequest(ctx, "The body must be a JSON object.");
        return Optional.empty();
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (node != null && node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }

    private static void badRequest(ChannelHandlerContext ctx, String message) {
        HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException", message);
    }
}
