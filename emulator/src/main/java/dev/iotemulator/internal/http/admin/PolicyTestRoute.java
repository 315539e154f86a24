package dev.iotemulator.internal.http.admin;

import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.authz.Authorizer;
import dev.iotemulator.internal.authz.DecisionJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.policy.Decision;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.policy.PolicyEvaluator;
import dev.iotemulator.internal.policy.PolicyRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /__emulator/policies/test} (JSON body) or {@code GET} (query parameters): would principal
 * {@code accessKeyId} be allowed {@code action} on {@code resource} as client {@code clientId}? Like AWS IoT's
 * TestAuthorization, it answers with the decision and the statement that decided, and changes nothing.
 *
 * <p>{@code resource} is a full ARN or its tail ({@code topic/room/1}); {@code accessKeyId} defaults to the
 * default credential; {@code clientId} and {@code sourceIp} are optional.
 */
public final class PolicyTestRoute implements Route.Handler {

    public static final String PATH = "/__emulator/policies/test";

    private final CredentialStore credentials;
    private final Authorizer authorizer;

    public PolicyTestRoute(CredentialStore credentials, Authorizer authorizer) {
        this.credentials = credentials;
        this.authorizer = authorizer;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Map<String, String> params;
        try {
            params = parameters(request);
        } catch (RuntimeException e) {
            badRequest(ctx, "The body must be a JSON object of strings: " + e.getMessage());
            return;
        }
        String action = params.get("action");
        String resource = params.get("resource");
        if (action == null || resource == null) {
            badRequest(ctx, "Give at least action and resource, e.g. {\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\","
                    + "\"clientId\":\"device-1\",\"action\":\"iot:Publish\",\"resource\":\"topic/room/1\"}.");
            return;
        }
        String accessKeyId = params.getOrDefault("accessKeyId", credentials.defaultCredential().accessKeyId());
        Optional<LocalCredential> credential = credentials.find(accessKeyId);
        if (credential.isEmpty()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException", "No credential "
                    + "has access key id " + accessKeyId + "; configured: " + credentials.all().stream()
                    .map(LocalCredential::accessKeyId).toList() + ".");
            return;
        }
        String arn = resource.startsWith("arn:") ? resource : "arn:aws:iot:" + authorizer.arns().region() + ":"
                + authorizer.arns().accountId() + ":" + resource;
        ObjectNode body = HttpResponses.JSON.createObjectNode()
                .put("principal", accessKeyId).put("clientId", params.get("clientId"))
                .put("action", action).put("resource", arn);
        Optional<List<PolicyDocument>> policies = authorizer.policiesOf(accessKeyId);
        if (policies.isEmpty()) {
            body.putNull("policies");
            body.put("allowed", true).put("decision", "ALLOWED").putNull("statement").put("reason", "credential "
                    + credential.get().name() + " has no policies field in credentials.json, so IoT policies are not "
                    + "enforced for it");
        } else {
            policies.get().forEach(p -> body.withArray("policies").add(p.name()));
            Decision decision = PolicyEvaluator.evaluate(new PolicyRequest(action, arn,
                    authorizer.context(accessKeyId, params.get("clientId"), params.get("sourceIp"))), policies.get());
            DecisionJson.write(decision, body);
        }
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }

    private static Map<String, String> parameters(FullHttpRequest request) {
        if (HttpMethod.GET.equals(request.method())) {
            Map<String, String> params = new HashMap<>();
            new QueryStringDecoder(request.uri()).parameters().forEach((k, v) -> params.put(k, v.get(0)));
            return params;
        }
        JsonNode json;
        try {
            json = HttpResponses.JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("found " + json);
        }
        Map<String, String> params = new HashMap<>();
        json.fields().forEachRemaining(f -> {
            if (!f.getValue().isTextual()) {
                throw new IllegalArgumentException(f.getKey() + " is " + f.getValue());
            }
            params.put(f.getKey(), f.getValue().textValue());
        });
        return params;
    }

    private static void badRequest(ChannelHandlerContext ctx, String message) {
        HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException", message);
    }
}
