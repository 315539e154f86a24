package dev.iotemulator.internal.dataplane;

import java.util.Set;
import java.util.regex.Matcher;

/**
 * {@code GET /endpoint?endpointType=} (AWS IoT "DescribeEndpoint", control plane): answers the emulator's own
 * address, {@code host:port} as the client reached it (LocalStack answers the same way), for every endpoint type.
 */
final class DescribeEndpointRoute implements Route {

    static final Set<String> TYPES = Set.of("iot:Data", "iot:Data-ATS", "iot:CredentialProvider", "iot:Jobs");

    @Override
    public HttpAnswer handle(HttpCall call, Matcher path, String principal) {
        String type = call.query("endpointType");
        if (type != null && !TYPES.contains(type)) {
            return HttpAnswer.badRequest("endpointType '" + type + "' is not one of " + TYPES);
        }
        String host = call.headers().getOrDefault("host", java.util.List.of("127.0.0.1")).get(0);
        return HttpAnswer.ok(HttpAnswer.JSON.createObjectNode().put("endpointAddress", host));
    }
}
