package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.authz.Authorizer;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.policy.PolicyDocument;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;

/**
 * {@code GET /__emulator/policies}: the IoT policies something has attached (access keys, Cognito identity pools'
 * roles, certificates), each with the file it came from, its document as written and the load-time warnings.
 */
public final class PoliciesRoute implements Route.Handler {

    public static final String PATH = "/__emulator/policies";

    private final Authorizer authorizer;

    public PoliciesRoute(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        ObjectNode body = HttpResponses.JSON.createObjectNode();
        ArrayNode list = body.putArray("policies");
        for (PolicyDocument policy : authorizer.attachedPolicies()) {
            ObjectNode node = list.addObject().put("name", policy.name()).put("source", policy.source());
            node.set("document", document(policy));
            ArrayNode warnings = node.putArray("warnings");
            policy.warnings().forEach(warnings::add);
        }
        body.put("count", list.size());
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }

    private static JsonNode document(PolicyDocument policy) {
        if (policy.text() == null) {
            return null;
        }
        try {
            return HttpResponses.JSON.readTree(policy.text());
        } catch (IOException e) {
            return HttpResponses.JSON.getNodeFactory().textNode(policy.text());
        }
    }
}
