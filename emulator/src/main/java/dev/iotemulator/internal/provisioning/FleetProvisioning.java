package dev.iotemulator.internal.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiException;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.ReservedTopicService;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.registry.CertificateIssuer;
import dev.iotemulator.internal.registry.Registry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet provisioning MQTT API (developer guide "Device provisioning MQTT API"), JSON payloads:
 * {@code $aws/certificates/create/json} (CreateKeysAndCertificate), {@code $aws/certificates/create-from-csr/json}
 * (CreateCertificateFromCsr) and {@code $aws/provisioning-templates/<template>/provision/json} (RegisterThing), each
 * answered on {@code /accepted} or {@code /rejected}. A certificate made here starts PENDING_ACTIVATION with an
 * ownership token valid for an hour; RegisterThing with that token applies the template. The work (an RSA key pair,
 * the registry) runs off the publisher's thread; the answer goes through the pipeline like any service message.
 */
public final class FleetProvisioning implements ReservedTopicService {

    private static final Logger LOG = LoggerFactory.getLogger(FleetProvisioning.class);
    private static final Pattern CREATE = Pattern.compile("^\\$aws/certificates/(create|create-from-csr)/json$");
    private static final Pattern PROVISION = Pattern.compile("^\\$aws/provisioning-templates/([^/]+)/provision/json$");
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private record Token(String certificateId, Instant expires) {
    }

    private final Registry registry;
    private final CertificateIssuer issuer;
    private final ProvisioningTemplates templates;
    private final BiConsumer<String, ObjectNode> outbox;
    private final Executor executor;
    private final Clock clock;
    private final Provisioner provisioner;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** @param outbox publishes a service message: topic, JSON payload */
    public FleetProvisioning(Registry registry, CertificateIssuer issuer, ProvisioningTemplates templates,
            BiConsumer<String, ObjectNode> outbox, Executor executor, Clock clock) {
        this.registry = registry;
        this.issuer = issuer;
        this.templates = templates;
        this.outbox = outbox;
        this.executor = executor;
        this.clock = clock;
        this.provisioner = new Provisioner(registry);
    }

    @Override
    public boolean serves(String topic) {
        return CREATE.matcher(topic).matches() || PROVISION.matcher(topic).matches();
    }

    @Override
    public boolean handle(Publish publish) {
        executor.execute(() -> answer(publish.topic(), publish.payload()));
        return false;
    }

    private void answer(String topic, byte[] payload) {
        try {
            ObjectNode accepted;
            Matcher create = CREATE.matcher(topic);
            Matcher provision = PROVISION.matcher(topic);
            if (create.matches()) {
                accepted = create.group(1).equals("create") ? createKeys() : fromCsr(parse(payload));
            } else if (provision.matches()) {
                accepted = register(provision.group(1), parse(payload));
            } else {
                return;
            }
            outbox.accept(topic + "/accepted", accepted);
        } catch (Rejection r) {
            LOG.info("event=provisioning_rejected topic={} errorCode={} message=\"{}\"", topic, r.code, r.getMessage());
            outbox.accept(topic + "/rejected", Json.object().put("statusCode", r.status).put("errorCode", r.code)
                    .put("errorMessage", r.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("event=provisioning_failed topic={} error=\"{}\"", topic, e.toString(), e);
            outbox.accept(topic + "/rejected", Json.object().put("statusCode", 500).put("errorCode", "InternalError")
                    .put("errorMessage", "The emulator failed: " + e));
        }
    }

    private ObjectNode createKeys() {
        CertificateIssuer.Issued issued = issue(() -> issuer.createKeysAndCertificate(
                Certificate.Status.PENDING_ACTIVATION));
        return Json.object().put("certificateId", issued.certificate().id())
                .put("certificatePem", issued.certificate().pem()).put("privateKey", issued.privateKeyPem())
                .put("certificateOwnershipToken", token(issued.certificate().id()));
    }

    private ObjectNode fromCsr(JsonNode request) {
        String csr = request.path("certificateSigningRequest").asText(null);
        if (csr == null) {
            throw new Rejection(400, "InvalidParameters", "certificateSigningRequest is missing");
        }
        Certificate c = issue(() -> new CertificateIssuer.Issued(issuer.createFromCsr(csr,
                Certificate.Status.PENDING_ACTIVATION), null, null)).certificate();
        return Json.object().put("certificateOwnershipToken", token(c.id())).put("certificateId", c.id())
                .put("certificatePem", c.pem());
    }

    private ObjectNode register(String templateName, JsonNode request) {
        ProvisioningTemplate template = templates.find(templateName).orElseThrow(() -> new Rejection(404,
                "ResourceNotFound", "The provisioning template " + templateName + " does not exist."));
        if (!template.enabled()) {
            throw new Rejection(400, "InvalidParameters", "The provisioning template " + templateName + " is not "
                    + "enabled (UpdateProvisioningTemplate --enabled).");
        }
        if (template.hookTargetArn() != null) {
            LOG.warn("event=pre_provisioning_hook_not_called template={} hook={} message=\"pre-provisioning hooks "
                    + "are not emulated: provisioning goes on as if the hook allowed it\"", templateName,
                    template.hookTargetArn());
        }
        String tokenText = request.path("certificateOwnershipToken").asText("");
        Token token = tokens.get(tokenText);
        if (token == null || token.expires().isBefore(clock.instant())
                || registry.certificates().find(token.certificateId()).isEmpty()) {
            throw new Rejection(400, "InvalidCertificateOwnershipToken", "The certificate ownership token is "
                    + (token == null ? "not one the emulator issued" : "expired or its certificate is gone")
                    + "; call CreateKeysAndCertificate or CreateCertificateFromCsr for a new one.");
        }
        try {
            Provisioner.Provisioned done = provisioner.provision(template, token.certificateId(),
                    Json.stringMap(request, "parameters"));
            tokens.remove(tokenText);
            LOG.info("event=thing_provisioned template={} thing={} certificateId={}", templateName,
                    done.thingName(), token.certificateId());
            ObjectNode out = Json.object();
            Json.put(out, "deviceConfiguration", done.deviceConfiguration());
            return Json.put(out, "thingName", done.thingName());
        } catch (TemplateEngine.TemplateException | ApiException e) {
            throw new Rejection(400, "InvalidParameters", e.getMessage());
        }
    }

    private String token(String certificateId) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = Base64.getEncoder().encodeToString(bytes);
        tokens.put(token, new Token(certificateId, clock.instant().plus(TOKEN_LIFETIME)));
        return token;
    }

    private static CertificateIssuer.Issued issue(java.util.function.Supplier<CertificateIssuer.Issued> make) {
        try {
            return make.get();
        } catch (ApiException e) {
            throw new Rejection(e.error().status(), e.error().code().replace("Exception", ""), e.getMessage());
        }
    }

    private static JsonNode parse(byte[] payload) {
        if (payload.length == 0) {
            return Json.object();
        }
        try {
            return HttpAnswer.JSON.readTree(payload);
        } catch (IOException e) {
            throw new Rejection(400, "InvalidPayload", "The request payload is not JSON: " + e.getMessage());
        }
    }

    /** A request AWS would reject, with the rejected payload's status and code. */
    private static final class Rejection extends RuntimeException {
        private final int status;
        private final String code;

        Rejection(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
