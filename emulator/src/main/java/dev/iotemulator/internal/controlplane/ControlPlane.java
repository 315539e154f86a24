package dev.iotemulator.internal.controlplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.auth.HeaderSignatureVerifier;
import dev.iotemulator.internal.auth.Verification;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.dataplane.HttpCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST-JSON front of AWS IoT's control plane ({@code iot}) and of the Jobs data plane ({@code iot-jobs-data}) on
 * the emulator's HTTP and HTTPS ports: it finds the operation of a request by method, path and the service its SigV4
 * credential scope names (the two services share paths such as {@code GET /things/{thingName}/jobs}), verifies the
 * signature, runs the operation's handler and renders AWS's answer, errors included.
 *
 * <p>A feature plugs in as an {@link Api}, which registers each of its operations with one line:
 *
 * <pre>{@code
 * ops.add(Service.IOT, "CreateThing", "POST", "/things/{thingName}", this::createThing);
 * }</pre>
 *
 * <p>A signed request for an AWS operation that no {@link Api} registers gets {@link #notEmulated}: AWS's error shape,
 * a message naming the operation, and a WARN line.
 */
public final class ControlPlane {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    private static final Pattern SCOPE_SERVICE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/]+/([^/]+)/");

    /** A feature's operations: things, policies, certificates, jobs, provisioning, rules... */
    @FunctionalInterface
    public interface Api {
        void register(Registrations operations);
    }

    /** Where an {@link Api} adds its operations, one call each. */
    public static final class Registrations {
        private final List<Operation> operations = new ArrayList<>();

        /**
         * @param name AWS's operation name, e.g. {@code CreateThing}
         * @param template the operation's request URI in AWS's service model, e.g. {@code /things/{thingName}}
         */
        public Registrations add(Service service, String name, String method, String template,
                Operation.Handler handler) {
            operations.add(new Operation(service, name, method, template, handler));
            return this;
        }
    }

    private final HeaderSignatureVerifier verifier;
    private final List<Operation> operations;
    private final AwsOperations catalogue = AwsOperations.load();

    public ControlPlane(HeaderSignatureVerifier verifier, List<Api> apis) {
        this.verifier = verifier;
        Registrations registrations = new Registrations();
        apis.forEach(api -> api.register(registrations));
        this.operations = List.copyOf(registrations.operations);
    }

    /** Every emulated operation, in registration order. */
    public List<Operation> operations() {
        return operations;
    }

    /** Authenticates and answers a request; empty when no emulated operation has its method and path. */
    public Optional<HttpAnswer> handle(HttpCall call) {
        String service = scopeService(call);
        Operation chosen = null;
        Map<String, String> labels = null;
        for (Operation op : operations) {
            if (!op.method().equals(call.method())) {
                continue;
            }
            Map<String, String> found = op.match(call.rawPath());
            if (found != null && (chosen == null || better(op, chosen, service))) {
                chosen = op;
                labels = found;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        Verification verification = verifier.verify(call.signed(), call.body(), chosen.service().signingNames());
        if (verification instanceof Verification.Refused refused) {
            return Optional.of(HttpAnswer.refusal(refused));
        }
        String principal = ((Verification.Verified) verification).credential().accessKeyId();
        return Optional.of(run(chosen, new ApiRequest(chosen, labels, call, principal)));
    }

    /**
     * The answer to a request no emulated operation serves, when it is signed for one of these services: AWS's error
     * shape naming the AWS operation it is and saying that it is not emulated. Empty when the request is not signed
     * for them, so the route table's own 404 answers it.
     */
    public Optional<HttpAnswer> notEmulated(HttpCall call) {
        String service = scopeService(call);
        Service signedFor = null;
        for (Service s : Service.values()) {
            if (service != null && s.signingNames().contains(service)) {
                signedFor = s;
            }
        }
        if (signedFor == null) {
            return Optional.empty();
        }
        Optional<AwsOperations.Entry> known = catalogue.find(signedFor, call.method(), call.rawPath());
        if (known.isEmpty()) {
            LOG.warn("event=unknown_operation service={} method={} path={} message=\"no {} operation has this "
                    + "method and path\"", signedFor.signingNames(), call.method(), call.rawPath(), signedFor.title());
            return Optional.of(HttpAnswer.error(404, "UnknownOperationException", "No " + signedFor.title()
                    + " operation is " + call.method() + " " + call.rawPath() + "; check the path and method."));
        }
        String name = known.get().operation();
        LOG.warn("event=operation_not_emulated service={} operation={} method={} path={} message=\"{} {} is not "
                + "emulated; see the fidelity table in the README\"", signedFor.signingNames(), name, call.method(),
                call.rawPath(), signedFor.title(), name);
        return Optional.of(HttpAnswer.error(501, "NotImplementedException", signedFor.title() + " operation " + name
                + " is not emulated by the AWS IoT Core emulator (see the fidelity table in its README)."));
    }

    private static boolean better(Operation candidate, Operation current, String service) {
        boolean candidateSigned = service != null && candidate.service().signingNames().contains(service);
        boolean currentSigned = service != null && current.service().signingNames().contains(service);
        if (candidateSigned != currentSigned) {
            return candidateSigned;
        }
        return candidate.specificity() > current.specificity();
    }

    private static HttpAnswer run(Operation op, ApiRequest request) {
        try {
            ObjectNode body = op.handler().handle(request);
            return HttpAnswer.ok(body == null ? HttpAnswer.JSON.createObjectNode() : body);
        } catch (ApiException e) {
            LOG.info("event=api_error operation={} error={} principal={} message=\"{}\"", op.name(),
                    e.error().code(), request.principal(), e.getMessage());
            HttpAnswer answer = HttpAnswer.error(e.error().status(), e.error().code(), e.getMessage());
            if (e.extra() != null) {
                answer.body().setAll(e.extra());
            }
            return answer;
        } catch (RuntimeException e) {
            LOG.error("event=api_failed operation={} error=\"{}\"", op.name(), e.toString(), e);
            return HttpAnswer.error(500, ApiError.INTERNAL_FAILURE.code(), op.name() + " failed in the emulator: "
                    + e + ". This is a bug; please report it with the log line.");
        }
    }

    /** The service named in the request's SigV4 credential scope, or null. */
    private static String scopeService(HttpCall call) {
        String authorization = call.header("authorization");
        if (authorization == null) {
            return null;
        }
        Matcher m = SCOPE_SERVICE.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    /** The operations sorted for the route table: by path, then method. */
    public List<Operation> byPath() {
        List<Operation> sorted = new ArrayList<>(operations);
        sorted.sort(Comparator.comparing(Operation::template).thenComparing(Operation::method));
        return sorted;
    }
}
