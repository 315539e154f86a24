package dev.iotemulator.internal.config;

import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.policy.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the configuration directory holds.
 *
 * @param source           where it was read from, for the start-up banner and error messages
 * @param policies         every loaded IoT policy by name
 * @param attachedPolicies policy names by access key id; a key without an entry has no {@code policies} field and
 *                         is not subject to IoT policies at all
 */
public record EmulatorConfig(String source, List<LocalCredential> credentials, Map<String, PolicyDocument> policies,
        Map<String, List<String>> attachedPolicies) {

    public EmulatorConfig {
        credentials = List.copyOf(credentials);
        policies = Map.copyOf(policies);
        attachedPolicies = Map.copyOf(attachedPolicies);
    }

    /** A configuration without policies: every credential may do everything. */
    public EmulatorConfig(String source, List<LocalCredential> credentials) {
        this(source, credentials, Map.of(), Map.of());
    }

    /** The policy documents attached to each access key that has a {@code policies} field, in attachment order. */
    public Map<String, List<PolicyDocument>> policiesByAccessKeyId() {
        Map<String, List<PolicyDocument>> result = new LinkedHashMap<>();
        for (LocalCredential credential : credentials) {
            List<String> names = attachedPolicies.get(credential.accessKeyId());
            if (names != null) {
                result.put(credential.accessKeyId(), names.stream().map(policies::get).toList());
            }
        }
        return result;
    }
}
