package dev.iotemulator.internal.config;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.controlplane.ApiException;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.registry.Registry;
import java.util.List;
import java.util.Map;

/**
 * Puts what the configuration directory holds into the registry at start-up: every policy file as a policy (unless
 * the registry already has one of that name, kept from an earlier run), and every certificate of
 * {@code certificates.json} with its policies and things (things that do not exist are created).
 */
public final class RegistrySeed {

    private RegistrySeed() {
    }

    /** @param texts each policy file's JSON by policy name */
    public static void policies(Registry registry, Map<String, String> texts) {
        texts.forEach((name, json) -> {
            if (registry.policies().find(name).isEmpty()) {
                try {
                    registry.policies().create(name, json, PolicyFiles.DIRECTORY + "/" + name + ".json");
                } catch (ApiException e) {
                    throw new ConfigurationException(PolicyFiles.DIRECTORY + "/" + name + ".json: " + e.getMessage(),
                            e);
                }
            }
        });
    }

    public static void certificates(Registry registry, List<CertificatesConfigLoader.ConfiguredCertificate> configured) {
        for (CertificatesConfigLoader.ConfiguredCertificate c : configured) {
            for (String name : c.policies()) {
                if (registry.policies().find(name).isEmpty()) {
                    throw new ConfigurationException(c.source() + " attaches the policy '" + name + "', but there "
                            + "is no policies/" + name + ".json in the configuration directory.");
                }
            }
            try {
                registry.enroll(c.pem(), Certificate.Status.valueOf(c.status()), c.source(), c.policies(), c.things());
            } catch (ApiException e) {
                throw new ConfigurationException(c.source() + ": " + e.getMessage() + ".", e);
            }
        }
    }
}
