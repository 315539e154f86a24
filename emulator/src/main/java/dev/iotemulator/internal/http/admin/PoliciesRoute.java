package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.authz.Authorizer;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.registry.Policy;
import dev.iotemulator.internal.registry.Registry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /__emulator/policies}: every IoT policy, sorted by name: the registry's (the configuration's policy files
 * and CreatePolicy's), in their default version, and the Cognito identity pools' role policies; each with where it
 * came from (its file, or {@code api}), its document as written and the parser's warnings.
 */
public final class PoliciesRoute implements Route.Handler {

    public static final String PATH = "/__emulator/policies";

    private final Authorizer authorizer;
    private final Registry registry;

    public PoliciesRoute(Authorizer authorizer, Registry registry) {
        this.authorizer = authorizer;
        this.registry = registry;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Map<String, PolicyDocument> byName = new TreeMap<>();
        for (Policy policy : registry.policies().list()) {
            PolicyDocument enforced = registry.policies().enforced(policy.name());
            if (enforced != null) {
                byName.put(policy.name(), enforced);
            }
        }
        authorizer.attachedPolicies().forEach(p -> byName.putIfAbsent(p.name(), p));
        ObjectNode body = HttpResponses.JSON.createObjectNode();
        ArrayNode list = body.putArray("policies");
        for (PolicyDocument policy : byName.values()) {
            Optional<Policy> registered = registry.policies().find(policy.name());
            ObjectNode node = list.addObject().put("name", policy.name())
                    .put("source", registered.map(Policy::source).orElse(policy.source()));
            registered.ifPresent(r -> node.put("defaultVersionId", r.defaultVersionId()));
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
