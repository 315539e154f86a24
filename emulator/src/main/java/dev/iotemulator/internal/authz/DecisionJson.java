package dev.iotemulator.internal.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.policy.Decision;
import dev.iotemulator.internal.policy.StatementRef;

/** Renders a policy {@link Decision} for the admin routes and log lines, in AWS TestAuthorization's terms. */
public final class DecisionJson {

    private DecisionJson() {
    }

    /** {@code ALLOWED}, {@code EXPLICIT_DENY} or {@code IMPLICIT_DENY}. */
    public static String kind(Decision decision) {
        if (decision instanceof Decision.Allowed) {
            return "ALLOWED";
        }
        return decision instanceof Decision.ExplicitlyDenied ? "EXPLICIT_DENY" : "IMPLICIT_DENY";
    }

    /** Adds {@code allowed}, {@code decision}, {@code statement} (or null) and {@code reason} to {@code json}. */
    public static ObjectNode write(Decision decision, ObjectNode json) {
        json.put("allowed", decision.allowed()).put("decision", kind(decision));
        StatementRef ref = null;
        if (decision instanceof Decision.Allowed allowed) {
            ref = allowed.statement();
        } else if (decision instanceof Decision.ExplicitlyDenied denied) {
            ref = denied.statement();
        }
        if (ref == null) {
            json.putNull("statement");
        } else {
            json.putObject("statement").put("policy", ref.policyName()).put("index", ref.index()).put("sid", ref.sid());
        }
        json.put("reason", decision.reason());
        if (decision instanceof Decision.ImplicitlyDenied implicit) {
            implicit.notes().forEach(json.putArray("notes")::add);
        }
        return json;
    }
}
