package dev.iotemulator.internal.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether the policies attached to a principal allow a request, with IAM semantics as AWS IoT applies
 * them (AWS IoT Developer Guide "AWS IoT Core policies"; IAM "Policy evaluation logic"): the default is deny,
 * a matching {@code Allow} allows, and a matching {@code Deny} in any attached policy wins over every
 * {@code Allow}.
 *
 * <p>A statement matches when its action, its resource and all its conditions match. It is not applied when one
 * of its policy variables has no value for the request (see {@link Statement}). An unknown condition operator
 * fails closed: it disables an {@code Allow} and triggers a {@code Deny}, and the decision says so.
 *
 * <pre>{@code
 * PolicyDocument policy = PolicyParser.parse("device-policy", json, "config/policies/device-policy.json");
 * RequestContext context = RequestContext.builder().clientId("sensor-1").build();
 * Decision decision = PolicyEvaluator.evaluate(
 *         new PolicyRequest("iot:Publish", arns.topic("sensors/sensor-1"), context), List.of(policy));
 * if (!decision.allowed()) log.info("event=publish_denied {}", decision.reason());
 * }</pre>
 *
 * <p>Evaluation runs on every MQTT delivery, so the allow path allocates nothing beyond resolving policy
 * variables, and it never throws: a broker thread must not die on a bad policy.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /**
     * Evaluates {@code request} against {@code policies}; never throws.
     *
     * @param request  the action, resource ARN and context of the request
     * @param policies every policy attached to the principal, in a stable order (the first allowing statement
     *                 in that order is the one reported)
     * @return the decision; an unexpected failure becomes an {@link Decision.ImplicitlyDenied} naming the failure
     */
    public static Decision evaluate(PolicyRequest request, List<PolicyDocument> policies) {
        try {
            Decision decision = decide(request, policies);
            return decision != null ? decision : explainDenial(request, policies);
        } catch (RuntimeException | StackOverflowError e) {
            return new Decision.ImplicitlyDenied(List.of("policy evaluation failed, denying: " + e));
        }
    }

    private static Decision decide(PolicyRequest request, List<PolicyDocument> policies) {
        Decision.Allowed allowed = null;
        RequestContext context = request.context();
        for (PolicyDocument policy : policies) {
            for (Statement statement : policy.statements()) {
                if (!applies(statement, request, context)) {
                    continue;
                }
                String unsupported = statement.unsupportedOperator();
                if (statement.effect() == Effect.DENY) {
                    return unsupported == null ? statement.denied() : new Decision.ExplicitlyDenied(
                            statement.ref(), "unknown condition operator \"" + unsupported + "\" fails closed");
                }
                if (unsupported == null && allowed == null) {
                    allowed = statement.allowed();
                }
            }
        }
        return allowed;
    }

    private static boolean applies(Statement statement, PolicyRequest request, RequestContext context) {
        return statement.matchesAction(request.action())
                && statement.firstUnresolvedVariable(context) == null
                && statement.matchesResource(request.resource(), context)
                && statement.supportedConditionsHold(context);
    }

    private static Decision explainDenial(PolicyRequest request, List<PolicyDocument> policies) {
        List<String> notes = new ArrayList<>();
        RequestContext context = request.context();
        for (PolicyDocument policy : policies) {
            for (Statement statement : policy.statements()) {
                if (!statement.matchesAction(request.action())) {
                    continue;
                }
                String unresolved = statement.firstUnresolvedVariable(context);
                if (unresolved != null) {
                    notes.add(statement.ref() + " not applied: policy variable ${" + unresolved
                            + "} has no value for this request");
                } else if (statement.unsupportedOperator() != null && statement.effect() == Effect.ALLOW
                        && applies(statement, request, context)) {
                    notes.add(statement.ref() + " not applied: unknown condition operator \""
                            + statement.unsupportedOperator() + "\" fails closed");
                }
            }
        }
        return notes.isEmpty() ? Decision.ImplicitlyDenied.NOTHING_ALLOWS : new Decision.ImplicitlyDenied(notes);
    }
}
