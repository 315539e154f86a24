package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.internal.admin.ControlPlaneAdmin;
import dev.iotemulator.internal.controlplane.ApiException;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The control-plane shortcuts of the admin API, for {@code RemoteEmulator}:
 * <ul>
 *   <li>{@code POST /__emulator/things} {@code {"thingName", "policyName", "policyDocument"}}: a thing with an ACTIVE
 *       certificate and its policy; answers like CreateKeysAndCertificate;</li>
 *   <li>{@code POST /__emulator/jobs} {@code {"jobId", "document", "things": [...]}}: a job for those things;</li>
 *   <li>{@code GET /__emulator/jobs/{jobId}/things/{thingName}}: {@code {"status": ...}} of that execution.</li>
 * </ul>
 * Refusals carry the control plane's AWS error code and message.
 */
public final class ControlPlaneAdminRoute implements Route.Handler {

    public static final String THINGS = "/__emulator/things";
    public static final String JOBS = "/__emulator/jobs";
    public static final String EXECUTION = "/__emulator/jobs/{jobId}/things/{thingName}";

    private final ControlPlaneAdmin admin;

    public ControlPlaneAdminRoute(ControlPlaneAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        JsonNode body;
        try {
            byte[] bytes = ByteBufUtil.getBytes(request.content());
            body = bytes.length == 0 ? HttpResponses.JSON.createObjectNode() : HttpResponses.JSON.readTree(bytes);
        } catch (IOException e) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
                    "The body must be a JSON object.");
            return;
        }
        Supplier<ObjectNode> operation;
        if (path.equals(THINGS)) {
            operation = () -> created(admin.createThing(body.path("thingName").asText(null),
                    body.path("policyName").asText(null), body.path("policyDocument").asText(null)));
        } else if (path.equals(JOBS)) {
            List<String> things = new ArrayList<>();
            body.path("things").forEach(t -> things.add(t.asText()));
            operation = () -> {
                admin.createJob(body.path("jobId").asText(null), body.path("document").asText(null),
                        things.toArray(String[]::new));
                return HttpResponses.JSON.createObjectNode().put("jobId", body.path("jobId").asText());
            };
        } else {
            String[] parts = path.substring(JOBS.length() + 1).split("/");
            String jobId = QueryStringDecoder.decodeComponent(parts[0]);
            String thing = QueryStringDecoder.decodeComponent(parts[2]);
            operation = () -> HttpResponses.JSON.createObjectNode().put("jobId", jobId).put("thingName", thing)
                    .put("status", admin.executionStatus(jobId, thing));
        }
        // Creating a key pair takes tens of milliseconds: off the I/O thread other clients share.
        CompletableFuture.supplyAsync(operation).whenComplete((answer, failure) -> ctx.executor().execute(() -> {
            Throwable cause = failure == null ? null : failure.getCause() == null ? failure : failure.getCause();
            if (cause instanceof ApiException api) {
                HttpResponses.sendError(ctx, HttpResponseStatus.valueOf(api.error().status()), api.error().code(),
                        api.getMessage());
            } else if (cause != null) {
                HttpResponses.sendError(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalFailureException",
                        cause.toString());
            } else {
                HttpResponses.sendJson(ctx, HttpResponseStatus.OK, answer, null);
            }
        }));
    }

    private static ObjectNode created(DeviceCertificate device) {
        ObjectNode out = HttpResponses.JSON.createObjectNode().put("certificateArn", device.certificateArn())
                .put("certificateId", device.certificateId()).put("certificatePem", device.certificatePem());
        out.putObject("keyPair").put("PublicKey", device.publicKeyPem()).put("PrivateKey", device.privateKeyPem());
        return out;
    }
}
