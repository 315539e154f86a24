package dev.iotemulator.internal.config;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.policy.PolicyDocument;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** credentials.json as read, before its policy names are resolved against the policy files. */
record CredentialsFile(String fileName, List<LocalCredential> credentials,
        Map<String, List<String>> attachments) {

    Set<String> attachedPolicyNames() {
        Set<String> names = new TreeSet<>();
        attachments.values().forEach(names::addAll);
        return names;
    }

    EmulatorConfig toConfig(String source, Map<String, PolicyDocument> policies, String policyDirectory) {
        for (int i = 0; i < credentials.size(); i++) {
            LocalCredential credential = credentials.get(i);
            List<String> names = attachments.getOrDefault(credential.accessKeyId(), List.of());
            for (int j = 0; j < names.size(); j++) {
                if (!policies.containsKey(names.get(j))) {
                    throw new ConfigurationException(fileName + ": $.credentials[" + i + "].policies[" + j
                            + "]: credential '" + credential.name() + "' (" + credential.accessKeyId()
                            + ") is attached to policy '" + names.get(j) + "' but there is no policy file "
                            + policyDirectory + "/" + names.get(j) + ".json. Loaded policies: "
                            + policies.keySet() + ". Create the file or fix the name.");
                }
            }
        }
        return new EmulatorConfig(source, credentials, policies, attachments);
    }
}
