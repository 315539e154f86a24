package dev.iotemulator.internal.config;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.controlplane.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.registry.Certificates;
import dev.iotemulator.internal.registry.Registry;
import dev.iotemulator.internal.registry.RegistryEvent;
import dev.iotemulator.internal.store.CollectionNames;
import dev.iotemulator.internal.store.DocumentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts what the configuration directory holds into the registry at start-up: every policy file as a policy (unless
 * the registry already has one of that name, kept from an earlier run), and every certificate of
 * {@code certificates.json} with its policies and things (things that do not exist are created).
 */
public final class RegistrySeed {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * Registers the certificates of {@code certificates.json}. A status set through the API since (UpdateCertificate,
     * the admin API) is kept in the store's {@value CollectionNames#CERTIFICATE_STATUS} and wins over the configured
     * status until the configuration itself gives the certificate another status.
     */
    public static void certificates(Registry registry, List<CertificatesConfigLoader.ConfiguredCertificate> configured,
            DocumentStore store) {
        Map<String, Certificate.Status> configuredStatus = new ConcurrentHashMap<>();
        for (CertificatesConfigLoader.ConfiguredCertificate c : configured) {
            for (String name : c.policies()) {
                if (registry.policies().find(name).isEmpty()) {
                    throw new ConfigurationException(c.source() + " attaches the policy '" + name + "', but there "
                            + "is no policies/" + name + ".json in the configuration directory.");
                }
            }
            try {
                Certificate.Status status = Certificate.Status.valueOf(c.status());
                String id = Certificates.idOf(Certificates.parse(c.pem()));
                configuredStatus.put(id, status);
                Certificate.Status effective = changedStatus(store, id, status).orElse(status);
                if (registry.certificates().find(id).isEmpty()) {
                    registry.enroll(c.pem(), effective, c.source(), c.policies(), c.things());
                } else {
                    if (registry.certificates().require(id).status() != effective) {
                        registry.certificates().activate(id, effective);
                    }
                    String arn = registry.arns().certificate(id);
                    c.policies().forEach(p -> registry.attachments().attachPolicy(p, arn));
                    for (String thing : c.things()) {
                        if (registry.things().find(thing).isEmpty()) {
                            registry.things().create(thing, null, Map.of());
                        }
                        registry.attachments().attachThingPrincipal(thing, arn);
                    }
                }
            } catch (ApiException e) {
                throw new ConfigurationException(c.source() + ": " + e.getMessage() + ".", e);
            }
        }
        registry.listen(event -> {
            if (event instanceof RegistryEvent.CertificateChanged changed && changed.status() != null
                    && configuredStatus.containsKey(changed.certificateId())) {
                ObjectNode change = JSON.createObjectNode().put("status", changed.status().name())
                        .put("configuredStatus", configuredStatus.get(changed.certificateId()).name());
                store.put(CollectionNames.CERTIFICATE_STATUS, changed.certificateId(),
                        change.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** The status set through the API since, unless the configuration has changed this certificate's status. */
    private static Optional<Certificate.Status> changedStatus(DocumentStore store, String id,
            Certificate.Status configured) {
        return store.get(CollectionNames.CERTIFICATE_STATUS, id).flatMap(bytes -> {
            try {
                JsonNode change = JSON.readTree(bytes);
                return configured.name().equals(change.path("configuredStatus").asText())
                        ? Optional.of(Certificate.Status.valueOf(change.path("status").asText())) : Optional.empty();
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
