package dev.iotemulator.internal.registry;

import static dev.iotemulator.internal.controlplane.Json.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * The certificate operations of AWS IoT's control plane. Certificates are made by the emulator's CA (so devices that
 * trust it connect over TLS) and registered in the one {@link Registry} the admin API also uses.
 */
public final class CertificatesApi implements ControlPlane.Api {

    private final Registry registry;
    private final CertificateIssuer issuer;

    public CertificatesApi(Registry registry, CertificateIssuer issuer) {
        this.registry = registry;
        this.issuer = issuer;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "CreateKeysAndCertificate", "POST", "/keys-and-certificate", this::createKeys)
                .add(Service.IOT, "CreateCertificateFromCsr", "POST", "/certificates", this::fromCsr)
                .add(Service.IOT, "RegisterCertificateWithoutCA", "POST", "/certificate/register-no-ca",
                        this::registerWithoutCa)
                .add(Service.IOT, "DescribeCertificate", "GET", "/certificates/{certificateId}", this::describe)
                .add(Service.IOT, "ListCertificates", "GET", "/certificates", this::list)
                .add(Service.IOT, "UpdateCertificate", "PUT", "/certificates/{certificateId}", this::update)
                .add(Service.IOT, "DeleteCertificate", "DELETE", "/certificates/{certificateId}", this::delete);
    }

    private ObjectNode createKeys(ApiRequest request) {
        CertificateIssuer.Issued issued = issuer.createKeysAndCertificate(initialStatus(request));
        ObjectNode out = created(issued.certificate());
        out.putObject("keyPair").put("PublicKey", issued.publicKeyPem()).put("PrivateKey", issued.privateKeyPem());
        return out;
    }

    private ObjectNode fromCsr(ApiRequest request) {
        String csr = ApiRequest.required(ApiRequest.text(request.body(), "certificateSigningRequest"),
                "certificateSigningRequest");
        return created(issuer.createFromCsr(csr, initialStatus(request)));
    }

    private ObjectNode registerWithoutCa(ApiRequest request) {
        ObjectNode body = request.body();
        String pem = ApiRequest.required(ApiRequest.text(body, "certificatePem"), "certificatePem");
        String status = ApiRequest.text(body, "status");
        Certificate c = registry.certificates().register(pem, status == null ? Certificate.Status.INACTIVE
                : status(status), "registered");
        return Json.object().put("certificateArn", registry.arns().certificate(c.id())).put("certificateId", c.id());
    }

    private ObjectNode describe(ApiRequest request) {
        Certificate c = registry.certificates().require(request.label("certificateId"));
        X509Certificate x509 = registry.certificates().x509(c.id());
        ObjectNode d = Json.object().put("certificateArn", registry.arns().certificate(c.id()))
                .put("certificateId", c.id()).put("status", c.status().name()).put("certificatePem", c.pem())
                .put("ownedBy", registry.arns().accountId());
        put(d, "creationDate", c.creationDate());
        put(d, "lastModifiedDate", c.lastModifiedDate());
        d.put("customerVersion", 1).put("generationId", c.id().substring(0, 32));
        ObjectNode validity = d.putObject("validity");
        put(validity, "notBefore", x509.getNotBefore().toInstant());
        put(validity, "notAfter", x509.getNotAfter().toInstant());
        d.put("certificateMode", "DEFAULT");
        ObjectNode out = Json.object();
        out.set("certificateDescription", d);
        return out;
    }

    private ObjectNode list(ApiRequest request) {
        List<Certificate> all = new java.util.ArrayList<>(registry.certificates().list());
        if (!request.queryFlag("isAscendingOrder", true)) {
            java.util.Collections.reverse(all);
        }
        return Json.page(request, Json.object(), "certificates", all, c -> {
            ObjectNode item = Json.object().put("certificateArn", registry.arns().certificate(c.id()))
                    .put("certificateId", c.id()).put("status", c.status().name()).put("certificateMode", "DEFAULT");
            return put(item, "creationDate", c.creationDate());
        }, "pageSize", "marker", "nextMarker", 250);
    }

    private ObjectNode update(ApiRequest request) {
        String status = ApiRequest.required(request.query("newStatus"), "newStatus");
        registry.certificates().updateStatus(request.label("certificateId"), status(status));
        return null;
    }

    private ObjectNode delete(ApiRequest request) {
        registry.certificates().delete(request.label("certificateId"), request.queryFlag("forceDelete", false));
        return null;
    }

    private ObjectNode created(Certificate c) {
        return Json.object().put("certificateArn", registry.arns().certificate(c.id())).put("certificateId", c.id())
                .put("certificatePem", c.pem());
    }

    private static Certificate.Status initialStatus(ApiRequest request) {
        return request.queryFlag("setAsActive", false) ? Certificate.Status.ACTIVE : Certificate.Status.INACTIVE;
    }

    private static Certificate.Status status(String value) {
        try {
            return Certificate.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.INVALID_REQUEST.with("1 validation error detected: Value '" + value + "' at 'newStatus' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, INACTIVE, REVOKED, "
                    + "PENDING_TRANSFER, REGISTER_INACTIVE, PENDING_ACTIVATION]");
        }
    }
}
