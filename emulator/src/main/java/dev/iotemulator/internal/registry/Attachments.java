package dev.iotemulator.internal.registry;

import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.store.CollectionNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is attached to what: policies to targets (certificate ARNs, Cognito identity ids, thing group ARNs), and
 * principals (certificate ARNs, Cognito identity ids) to things. Both directions are indexed, for the authorizer's
 * per-packet lookups and the List* operations.
 */
public final class Attachments {

    private final Registry registry;
    private final Map<String, Set<String>> policiesByTarget = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> targetsByPolicy = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> principalsByThing = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> thingsByPrincipal = new ConcurrentHashMap<>();

    Attachments(Registry registry) {
        this.registry = registry;
    }

    /** AttachPolicy; attaching again changes nothing. */
    public void attachPolicy(String policyName, String target) {
        registry.change(() -> {
            registry.policies().require(policyName);
            requireTarget(target);
            add(policiesByTarget, target, policyName);
            add(targetsByPolicy, policyName, target);
            savePolicies(target);
        }, new RegistryEvent.Changed("policy attachment " + policyName));
    }

    /** DetachPolicy; detaching what is not attached changes nothing. */
    public void detachPolicy(String policyName, String target) {
        registry.change(() -> {
            registry.policies().require(policyName);
            remove(policiesByTarget, target, policyName);
            remove(targetsByPolicy, policyName, target);
            savePolicies(target);
        }, new RegistryEvent.Changed("policy attachment " + policyName));
    }

    /** The policies attached to a target, in attachment order. */
    public List<String> policiesOf(String target) {
        return new ArrayList<>(policiesByTarget.getOrDefault(target, Set.of()));
    }

    /** The targets a policy is attached to, in attachment order. */
    public List<String> targetsOf(String policyName) {
        return new ArrayList<>(targetsByPolicy.getOrDefault(policyName, Set.of()));
    }

    /** AttachThingPrincipal. */
    public void attachThingPrincipal(String thingName, String principal) {
        registry.change(() -> {
            registry.things().require(thingName);
            requirePrincipal(principal);
            add(principalsByThing, thingName, principal);
            add(thingsByPrincipal, principal, thingName);
            savePrincipals(thingName);
        }, new RegistryEvent.Changed("thing principal " + thingName));
    }

    /** DetachThingPrincipal. */
    public void detachThingPrincipal(String thingName, String principal) {
        registry.change(() -> {
            registry.things().require(thingName);
            remove(principalsByThing, thingName, principal);
            remove(thingsByPrincipal, principal, thingName);
            savePrincipals(thingName);
        }, new RegistryEvent.Changed("thing principal " + thingName));
    }

    /** The principals attached to a thing, in attachment order. */
    public List<String> principalsOf(String thingName) {
        return new ArrayList<>(principalsByThing.getOrDefault(thingName, Set.of()));
    }

    /** The things a principal is attached to, in attachment order. */
    public List<String> thingsOf(String principal) {
        return new ArrayList<>(thingsByPrincipal.getOrDefault(principal, Set.of()));
    }

    /** Every (thing, principal) pair, for persistence. */
    public Map<String, Set<String>> thingPrincipals() {
        return Map.copyOf(principalsByThing);
    }

    /** Every (target, policies) pair, for persistence. */
    public Map<String, Set<String>> policyTargets() {
        return Map.copyOf(policiesByTarget);
    }

    /** Forgets everything attached to a deleted certificate's ARN; called under the registry's lock. */
    void forgetTarget(String target) {
        for (String policy : policiesOf(target)) {
            remove(targetsByPolicy, policy, target);
        }
        policiesByTarget.remove(target);
        savePolicies(target);
    }

    /** Puts back the policies a target had, as the store kept them. */
    void restorePolicies(String target, List<String> policies) {
        policies.forEach(p -> {
            add(policiesByTarget, target, p);
            add(targetsByPolicy, p, target);
        });
    }

    /** Puts back the principals a thing had, as the store kept them. */
    void restorePrincipals(String thing, List<String> principals) {
        principals.forEach(p -> {
            add(principalsByThing, thing, p);
            add(thingsByPrincipal, p, thing);
        });
    }

    private void savePolicies(String target) {
        List<String> policies = policiesOf(target);
        if (policies.isEmpty()) {
            registry.documents().delete(CollectionNames.POLICY_TARGETS, target);
        } else {
            registry.documents().put(CollectionNames.POLICY_TARGETS, target, policies);
        }
    }

    private void savePrincipals(String thing) {
        List<String> principals = principalsOf(thing);
        if (principals.isEmpty()) {
            registry.documents().delete(CollectionNames.THING_PRINCIPALS, thing);
        } else {
            registry.documents().put(CollectionNames.THING_PRINCIPALS, thing, principals);
        }
    }

    private void requireTarget(String target) {
        if (target == null || target.isEmpty()) {
            throw ApiError.INVALID_REQUEST.with("1 validation error detected: Value null at 'target' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        String prefix = registry.arns().prefix();
        if (target.startsWith(prefix + "cert/")) {
            registry.certificates().require(target.substring((prefix + "cert/").length()));
        } else if (target.startsWith(prefix + "thinggroup/")) {
            registry.thingGroups().require(target.substring((prefix + "thinggroup/").length()));
        } else if (!isCognitoIdentity(target)) {
            throw ApiError.INVALID_REQUEST.with("Invalid target: " + target + ". A target is a certificate ARN ("
                    + prefix + "cert/<certificateId>), a thing group ARN or an Amazon Cognito identity id "
                    + "(<region>:<uuid>).");
        }
    }

    private void requirePrincipal(String principal) {
        if (principal == null || principal.isEmpty()) {
            throw ApiError.INVALID_REQUEST.with("The principal is missing: send it in the x-amzn-principal header.");
        }
        String prefix = registry.arns().prefix() + "cert/";
        if (principal.startsWith(prefix)) {
            registry.certificates().require(principal.substring(prefix.length()));
        } else if (!isCognitoIdentity(principal)) {
            throw ApiError.INVALID_REQUEST.with("Invalid principal: " + principal + ". A principal is a certificate "
                    + "ARN (" + prefix + "<certificateId>) or an Amazon Cognito identity id.");
        }
    }

    static boolean isCognitoIdentity(String value) {
        return value.matches("[a-z]{2}(-[a-z]+)+-\\d:[0-9a-f-]{36}");
    }

    private static void add(Map<String, Set<String>> index, String key, String value) {
        index.compute(key, (k, values) -> {
            Set<String> next = new LinkedHashSet<>(values == null ? Set.of() : values);
            next.add(value);
            return java.util.Collections.unmodifiableSet(next);
        });
    }

    private static void remove(Map<String, Set<String>> index, String key, String value) {
        index.computeIfPresent(key, (k, values) -> {
            Set<String> next = new LinkedHashSet<>(values);
            next.remove(value);
            return next.isEmpty() ? null : java.util.Collections.unmodifiableSet(next);
        });
    }
}
