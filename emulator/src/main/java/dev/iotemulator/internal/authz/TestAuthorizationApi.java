package dev.iotemulator.internal.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import dev.iotemulator.internal.policy.Decision;
import dev.iotemulator.internal.policy.PolicyEvaluator;
import dev.iotemulator.internal.policy.PolicyRequest;
import dev.iotemulator.internal.policy.RequestContext;
import dev.iotemulator.internal.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TestAuthorization ({@code POST /test-authorization}): the emulator's own policy evaluator answers for a certificate
 * ARN or Cognito identity id, the policies attached to it in the registry (plus {@code policyNamesToAdd}, minus
 * {@code policyNamesToSkip}), and the policy variables of a connection with {@code clientId}.
 */
public final class TestAuthorizationApi implements ControlPlane.Api {

    private static final Map<String, String> ACTIONS = Map.of("PUBLISH", "iot:Publish", "SUBSCRIBE",
            "iot:Subscribe", "RECEIVE", "iot:Receive", "CONNECT", "iot:Connect");

    private final Authorizer authorizer;
    private final Registry registry;

    public TestAuthorizationApi(Authorizer authorizer, Registry registry) {
        this.authorizer = authorizer;
        this.registry = registry;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "TestAuthorization", "POST", "/test-authorization", this::test);
    }

    private ObjectNode test(ApiRequest request) {
        ObjectNode body = request.body();
        String principal = ApiRequest.text(body, "principal");
        String clientId = request.query("clientId");
        String certificatePrefix = registry.arns().prefix() + "cert/";
        Set<String> names = new LinkedHashSet<>();
        String subject = null;
        if (principal != null && principal.startsWith(certificatePrefix)) {
            subject = registry.certificates().require(principal.substring(certificatePrefix.length())).id();
            names.addAll(authorizer.certificatePolicyNames(subject, clientId));
        } else if (principal != null) {
            names.addAll(registry.attachments().policiesOf(principal));
        }
        for (String add : Json.strings(body, "policyNamesToAdd")) {
            names.add(registry.policies().require(add).name());
        }
        Json.strings(body, "policyNamesToSkip").forEach(names::remove);
        RequestContext context = subject != null ? authorizer.context(subject, clientId, null)
                : RequestContext.builder().clientId(clientId).build();
        JsonNode infos = body.get("authInfos");
        if (infos == null || !infos.isArray()) {
            throw ApiError.INVALID_REQUEST.with("1 validation error detected: Value null at 'authInfos' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        ObjectNode out = Json.object();
        ArrayNode results = out.putArray("authResults");
        for (JsonNode info : infos) {
            String type = ApiRequest.text(info, "actionType");
            String action = ACTIONS.get(type);
            if (action == null) {
                throw ApiError.INVALID_REQUEST.with("actionType must be one of " + ACTIONS.keySet() + ", not "
                        + type);
            }
            for (String resource : Json.strings(info, "resources")) {
                results.add(result(type, action, resource, List.copyOf(names), context));
            }
        }
        return out;
    }

    private ObjectNode result(String type, String action, String resource, List<String> names,
            RequestContext context) {
        Decision decision = PolicyEvaluator.evaluate(new PolicyRequest(action, resource, context),
                authorizer.documents(names));
        ObjectNode r = Json.object();
        ObjectNode info = r.putObject("authInfo").put("actionType", type);
        info.putArray("resources").add(resource);
        ArrayNode allowed = r.putObject("allowed").putArray("policies");
        ObjectNode denied = r.putObject("denied");
        ArrayNode implicit = denied.putObject("implicitDeny").putArray("policies");
        ArrayNode explicit = denied.putObject("explicitDeny").putArray("policies");
        if (decision instanceof Decision.Allowed a) {
            allowed.add(ref(a.statement().policyName()));
            r.put("authDecision", "ALLOWED");
        } else if (decision instanceof Decision.ExplicitlyDenied d) {
            explicit.add(ref(d.statement().policyName()));
            r.put("authDecision", "EXPLICIT_DENY");
        } else {
            names.forEach(n -> implicit.add(ref(n)));
            r.put("authDecision", "IMPLICIT_DENY");
        }
        r.putArray("missingContextValues");
        return r;
    }

    private ObjectNode ref(String name) {
        return Json.object().put("policyName", name).put("policyArn", registry.arns().policy(name));
    }

}
