package dev.iotemulator.internal.registry;

import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.store.CollectionNames;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.policy.PolicyParseException;
import dev.iotemulator.internal.policy.PolicyParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * IoT policies and their versions, as AWS IoT keeps them: at most five versions, one of them the default (the one
 * enforced), version ids never reused; a policy attached to a principal, or with versions besides its default, cannot
 * be deleted. Each default version is kept parsed for the authorizer.
 */
public final class Policies {

    static final int MAX_VERSIONS = 5;

    private final Registry registry;
    private final Map<String, Policy> byName = new ConcurrentHashMap<>();
    private final Map<String, PolicyDocument> enforced = new ConcurrentHashMap<>();

    Policies(Registry registry) {
        this.registry = registry;
    }

    /** CreatePolicy: version 1, the default. */
    public Policy create(String name, String document, String source) {
        Names.policy(name, "policyName");
        PolicyDocument parsed = parse(name, document);
        return registry.change(() -> {
            if (byName.containsKey(name)) {
                throw ApiError.RESOURCE_ALREADY_EXISTS.with("Policy cannot be created - name already exists "
                        + "(name=" + name + ")");
            }
            Instant now = registry.now();
            Policy policy = new Policy(name, List.of(new Policy.Version("1", document, now)), "1", 1, now, now,
                    generation(), source);
            byName.put(name, policy);
            registry.documents().put(CollectionNames.POLICIES, name, byName.get(name));
            enforced.put(name, parsed);
            return policy;
        }, p -> new RegistryEvent.Changed("policy " + name));
    }

    public Optional<Policy> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Policy require(String name) {
        return find(name).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with("Policy not found (name=" + name
                + ")"));
    }

    /** The parsed default version of a policy, as the authorizer enforces it; null when there is no such policy. */
    public PolicyDocument enforced(String name) {
        return enforced.get(name);
    }

    /** Every policy, by name. */
    public List<Policy> list() {
        return byName.values().stream().sorted(Comparator.comparing(Policy::name)).toList();
    }

    /** DeletePolicy: not while attached, and not while it has versions besides the default. */
    public void delete(String name) {
        registry.change(() -> {
            Policy policy = require(name);
            if (!registry.attachments().targetsOf(name).isEmpty()) {
                throw ApiError.DELETE_CONFLICT.with("The policy cannot be deleted as the policy is attached to one "
                        + "or more principals (name=" + name + ")");
            }
            if (policy.versions().size() > 1) {
                throw ApiError.DELETE_CONFLICT.with("Cannot delete the policy because it has one or more policy "
                        + "versions attached to it (name=" + name + ")");
            }
            byName.remove(name);
            enforced.remove(name);
            registry.documents().delete(CollectionNames.POLICIES, name);
        }, new RegistryEvent.Changed("policy " + name));
    }

    /** CreatePolicyVersion; a sixth version is VersionsLimitExceeded. */
    public Policy.Version createVersion(String name, String document, boolean setAsDefault) {
        PolicyDocument parsed = parse(name, document);
        return registry.change(() -> {
            Policy policy = require(name);
            if (policy.versions().size() >= MAX_VERSIONS) {
                throw ApiError.VERSIONS_LIMIT_EXCEEDED.with("The policy " + name + " already has the maximum number "
                        + "of versions (" + MAX_VERSIONS + ")");
            }
            Instant now = registry.now();
            int number = policy.lastVersionNumber() + 1;
            Policy.Version version = new Policy.Version(Integer.toString(number), document, now);
            List<Policy.Version> versions = new ArrayList<>(policy.versions());
            versions.add(version);
            byName.put(name, new Policy(name, versions, setAsDefault ? version.versionId()
                    : policy.defaultVersionId(), number, policy.creationDate(), now, generation(), policy.source()));
            registry.documents().put(CollectionNames.POLICIES, name, byName.get(name));
            if (setAsDefault) {
                enforced.put(name, parsed);
            }
            return version;
        }, v -> new RegistryEvent.Changed("policy " + name));
    }

    /** SetDefaultPolicyVersion. */
    public void setDefault(String name, String versionId) {
        registry.change(() -> {
            Policy policy = require(name);
            Policy.Version version = policy.version(versionId).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with(
                    "Policy version not found (name=" + name + ", versionId=" + versionId + ")"));
            byName.put(name, new Policy(name, policy.versions(), versionId, policy.lastVersionNumber(),
                    policy.creationDate(), registry.now(), generation(), policy.source()));
            registry.documents().put(CollectionNames.POLICIES, name, byName.get(name));
            enforced.put(name, parse(name, version.document()));
        }, new RegistryEvent.Changed("policy " + name));
    }

    /** DeletePolicyVersion: never the default version. */
    public void deleteVersion(String name, String versionId) {
        registry.change(() -> {
            Policy policy = require(name);
            policy.version(versionId).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with("Policy version not found "
                    + "(name=" + name + ", versionId=" + versionId + ")"));
            if (policy.defaultVersionId().equals(versionId)) {
                throw ApiError.DELETE_CONFLICT.with("Cannot delete the default version of a policy (name=" + name
                        + ", versionId=" + versionId + ")");
            }
            byName.put(name, new Policy(name, policy.versions().stream()
                    .filter(v -> !v.versionId().equals(versionId)).toList(), policy.defaultVersionId(),
                    policy.lastVersionNumber(), policy.creationDate(), registry.now(), generation(),
                    policy.source()));
            registry.documents().put(CollectionNames.POLICIES, name, byName.get(name));
        }, new RegistryEvent.Changed("policy " + name));
    }

    /** Puts a policy back as it was stored or configured. */
    void restore(Policy policy) {
        enforced.put(policy.name(), parse(policy.name(), policy.defaultVersion().document()));
        byName.put(policy.name(), policy);
    }

    private static PolicyDocument parse(String name, String document) {
        if (document == null) {
            throw ApiError.INVALID_REQUEST.with("1 validation error detected: Value null at 'policyDocument' failed "
                    + "to satisfy constraint: Member must not be null");
        }
        try {
            return PolicyParser.parse(name, document, "policy " + name);
        } catch (PolicyParseException e) {
            throw ApiError.MALFORMED_POLICY.with("Policy document is malformed: " + e.getMessage());
        }
    }

    private static String generation() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
