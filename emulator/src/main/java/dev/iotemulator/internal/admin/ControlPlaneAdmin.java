package dev.iotemulator.internal.admin;

import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.jobs.Job;
import dev.iotemulator.internal.jobs.Jobs;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.registry.CertificateIssuer;
import dev.iotemulator.internal.registry.Policy;
import dev.iotemulator.internal.registry.Registry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The control-plane shortcuts tests need, for the admin routes and {@code IotEmulator} alike: a thing with its
 * certificate and policy in one call, a job for some things, an execution's status. Each is what a setup script does
 * with several AWS calls; refusals are the control plane's {@code ApiException}s.
 */
public final class ControlPlaneAdmin {

    private final Registry registry;
    private final Jobs jobs;
    private final CertificateIssuer issuer;

    public ControlPlaneAdmin(Registry registry, Jobs jobs, CertificateIssuer issuer) {
        this.registry = registry;
        this.jobs = jobs;
        this.issuer = issuer;
    }

    /**
     * CreatePolicy (unless a policy of that name exists; a different document then becomes its default version),
     * CreateThing, CreateKeysAndCertificate (ACTIVE), AttachPolicy and AttachThingPrincipal.
     */
    public DeviceCertificate createThing(String thingName, String policyName, String policyDocument) {
        if (policyDocument != null) {
            Policy existing = registry.policies().find(policyName).orElse(null);
            if (existing == null) {
                registry.policies().create(policyName, policyDocument, "api");
            } else if (!existing.defaultVersion().document().equals(policyDocument)) {
                registry.policies().createVersion(policyName, policyDocument, true);
            }
        } else {
            registry.policies().require(policyName);
        }
        registry.things().create(thingName, registry.things().find(thingName).map(t -> t.typeName()).orElse(null),
                registry.things().find(thingName).map(t -> t.attributes()).orElse(Map.of()));
        CertificateIssuer.Issued issued = issuer.createKeysAndCertificate(Certificate.Status.ACTIVE);
        String arn = registry.arns().certificate(issued.certificate().id());
        registry.attachments().attachPolicy(policyName, arn);
        registry.attachments().attachThingPrincipal(thingName, arn);
        return new DeviceCertificate(issued.certificate().id(), arn, issued.certificate().pem(),
                issued.publicKeyPem(), issued.privateKeyPem());
    }

    /** CreateJob with an inline document for things of the registry (a SNAPSHOT job). */
    public void createJob(String jobId, String document, String... thingNames) {
        if (thingNames.length == 0) {
            throw ApiError.INVALID_REQUEST.with("A job needs at least one target thing.");
        }
        for (String thing : thingNames) {
            registry.things().require(thing);
        }
        Instant now = jobs.now();
        List<String> targets = Arrays.stream(thingNames).map(registry.arns()::thing).toList();
        jobs.create(new Job(jobId, targets, document, null, null, Job.TargetSelection.SNAPSHOT, Job.Status.IN_PROGRESS,
                false, null, null, null, now, now, null));
    }

    /** The status of a job's execution on a thing ({@code QUEUED}, {@code IN_PROGRESS}, {@code SUCCEEDED}, ...). */
    public String executionStatus(String jobId, String thingName) {
        return jobs.execution(thingName, jobId, null).status().name();
    }
}
