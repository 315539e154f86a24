package dev.iotemulator.internal.dataplane;

import dev.iotemulator.internal.auth.HeaderSignatureVerifier;
import dev.iotemulator.internal.auth.Verification;
import dev.iotemulator.internal.refusals.RefusalLog;
import dev.iotemulator.internal.shadow.ShadowTopics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS data plane of AWS IoT ("iotdata", restJson1), as a route table on the exact AWS
 * paths. Every request is SigV4-signed in its headers; a refused signature answers 403 with the reason, the
 * canonical request and the string to sign the emulator computed (AWS answers a bare 403).
 */
public final class DataPlane {

    static final Set<String> DATA_SERVICES = Set.of("iotdata", "iotdevicegateway");
    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);

    private record Entry(String method, String template, String operation, Pattern path, Set<String> services,
            Route route) {
    }

    /**
     * One data-plane operation as the HTTP route table lists it.
     *
     * @param template the AWS path, e.g. {@code /things/{thingName}/shadow}
     * @param operation AWS's operation name, e.g. {@code GetThingShadow}
     * @param path matches the raw (still percent-encoded) request paths of the operation
     */
    public record Operation(String method, String template, String operation, Pattern path) {
    }

    private final HeaderSignatureVerifier verifier;
    private final RefusalLog refusals;
    private final List<Entry> routes;

    /** @param refusals where refused signatures are reported, with the request they came with */
    public DataPlane(DataPlaneServices services, HeaderSignatureVerifier verifier, RefusalLog refusals) {
        this.verifier = verifier;
        this.refusals = refusals;
        this.routes = List.of(
                new Entry("POST", "/topics/{topic}", "Publish", Pattern.compile("^/topics/(.+)$"), DATA_SERVICES,
                        new PublishRoute(services)),
                new Entry("GET", "/retainedMessage", "ListRetainedMessages", Pattern.compile("^/retainedMessage$"),
                        DATA_SERVICES, new ListRetainedMessagesRoute(services)),
                new Entry("GET", "/retainedMessage/{topic}", "GetRetainedMessage",
                        Pattern.compile("^/retainedMessage/(.+)$"), DATA_SERVICES,
                        new GetRetainedMessageRoute(services)),
                new Entry("GET", "/things/{thingName}/shadow", "GetThingShadow",
                        Pattern.compile("^/things/([^/]+)/shadow$"), DATA_SERVICES,
                        new ShadowRoute(services, ShadowTopics.Operation.GET, "iot:GetThingShadow")),
                new Entry("POST", "/things/{thingName}/shadow", "UpdateThingShadow",
                        Pattern.compile("^/things/([^/]+)/shadow$"), DATA_SERVICES,
                        new ShadowRoute(services, ShadowTopics.Operation.UPDATE, "iot:UpdateThingShadow")),
                new Entry("DELETE", "/things/{thingName}/shadow", "DeleteThingShadow",
                        Pattern.compile("^/things/([^/]+)/shadow$"), DATA_SERVICES,
                        new ShadowRoute(services, ShadowTopics.Operation.DELETE, "iot:DeleteThingShadow")),
                new Entry("GET", "/api/things/shadow/ListNamedShadowsForThing/{thingName}",
                        "ListNamedShadowsForThing",
                        Pattern.compile("^/api/things/shadow/ListNamedShadowsForThing/([^/]+)$"), DATA_SERVICES,
                        new ListNamedShadowsRoute(services)));
    }

    /** Every operation, in the order they are matched. */
    public List<Operation> operations() {
        return routes.stream().map(e -> new Operation(e.method, e.template, e.operation, e.path)).toList();
    }

    /** Authenticates and answers a request; empty when no route serves it. */
    public Optional<HttpAnswer> handle(HttpCall call) {
        for (Entry entry : routes) {
            Matcher m = entry.path.matcher(call.rawPath());
            if (!entry.method.equals(call.method()) || !m.matches()) {
                continue;
            }
            Verification verification = verifier.verify(call.signed(), call.body(), entry.services);
            if (verification instanceof Verification.Refused refused) {
                report(call, entry.operation, refused);
                return Optional.of(HttpAnswer.refusal(refused));
            }
            String principal = ((Verification.Verified) verification).credential().accessKeyId();
            return Optional.of(entry.route.handle(call, m, principal));
        }
        return Optional.empty();
    }

    private void report(HttpCall call, String operation, Verification.Refused refused) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("request", call.method() + " " + call.rawPath() + " (" + operation + ")");
        if (refused.canonicalRequest() != null) {
            details.put("canonicalRequest", refused.canonicalRequest());
            details.put("stringToSign", refused.stringToSign());
        }
        String accessKeyId = call.signed().claimedAccessKeyId().orElse(null);
        LOG.warn("event=http_refused reason={} operation={} accessKeyId={} remote={} message=\"{}\"",
                refused.reason(), operation, accessKeyId, call.sourceIp(), refused.message());
        refusals.record(RefusalLog.Kind.SIGV4, refused.reason().name(), refused.message(), null, accessKeyId,
                call.sourceIp(), details);
    }

}
