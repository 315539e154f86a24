package dev.iotemulator.internal.dataplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.auth.HeaderSignatureVerifier;
import dev.iotemulator.internal.auth.Verification;
import dev.iotemulator.internal.shadow.ShadowTopics.Operation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTPS data plane of AWS IoT ("iotdata", restJson1) plus DescribeEndpoint, as a route table on the exact AWS
 * paths. Every request is SigV4-signed in its headers; a refused signature answers 403 with the reason, the
 * canonical request and the string to sign the emulator computed (AWS answers a bare 403).
 */
public final class DataPlane {

    static final Set<String> DATA_SERVICES = Set.of("iotdata", "iotdevicegateway");
    static final Set<String> CONTROL_SERVICES = Set.of("iot", "execute-api");

    private record Entry(String method, Pattern path, Set<String> services, Route route) {
    }

    private final HeaderSignatureVerifier verifier;
    private final List<Entry> routes;

    public DataPlane(DataPlaneServices services, HeaderSignatureVerifier verifier) {
        this.verifier = verifier;
        this.routes = List.of(
                new Entry("POST", Pattern.compile("^/topics/(.+)$"), DATA_SERVICES, new PublishRoute(services)),
                new Entry("GET", Pattern.compile("^/retainedMessage$"), DATA_SERVICES,
                        new ListRetainedMessagesRoute(services)),
                new Entry("GET", Pattern.compile("^/retainedMessage/(.+)$"), DATA_SERVICES,
                        new GetRetainedMessageRoute(services)),
                new Entry("GET", Pattern.compile("^/things/([^/]+)/shadow$"), DATA_SERVICES,
                        new ShadowRoute(services, Operation.GET, "iot:GetThingShadow")),
                new Entry("POST", Pattern.compile("^/things/([^/]+)/shadow$"), DATA_SERVICES,
                        new ShadowRoute(services, Operation.UPDATE, "iot:UpdateThingShadow")),
                new Entry("DELETE", Pattern.compile("^/things/([^/]+)/shadow$"), DATA_SERVICES,
                        new ShadowRoute(services, Operation.DELETE, "iot:DeleteThingShadow")),
                new Entry("GET", Pattern.compile("^/api/things/shadow/ListNamedShadowsForThing/([^/]+)$"),
                        DATA_SERVICES, new ListNamedShadowsRoute(services)),
                new Entry("GET", Pattern.compile("^/endpoint$"), CONTROL_SERVICES, new DescribeEndpointRoute()));
    }

    /** Whether a data-plane route serves this method and raw path. */
    public boolean serves(String method, String rawPath) {
        return routes.stream().anyMatch(e -> e.method.equals(method) && e.path.matcher(rawPath).matches());
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
                return Optional.of(refusal(refused));
            }
            String principal = ((Verification.Verified) verification).credential().accessKeyId();
            return Optional.of(entry.route.handle(call, m, principal));
        }
        return Optional.empty();
    }

    private static HttpAnswer refusal(Verification.Refused refused) {
        ObjectNode body = HttpAnswer.JSON.createObjectNode()
                .put("message", "Forbidden: " + refused.message())
                .put("reason", refused.reason().name());
        if (refused.canonicalRequest() != null) {
            body.put("canonicalRequest", refused.canonicalRequest()).put("stringToSign", refused.stringToSign());
        }
        return new HttpAnswer(403, body, "ForbiddenException");
    }
}
