package dev.iotemulator.internal.controlplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * DescribeEndpoint ({@code GET /endpoint?endpointType=}). AWS answers a host name without a port, such as
 * {@code a1b2c3-ats.iot.us-east-1.amazonaws.com}, the same for every call. The emulator answers the host name the
 * client reached it by, without the port, with a loopback address as {@code localhost} (the name its TLS certificate
 * carries): devices then connect to that host on the emulator's ports (MQTT over TLS 8883, HTTPS and WSS 8443 by
 * default), which the README and the start-up banner list.
 */
public final class EndpointApi implements ControlPlane.Api {

    static final Set<String> TYPES = Set.of("iot:Data", "iot:Data-ATS", "iot:CredentialProvider", "iot:Jobs");

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "DescribeEndpoint", "GET", "/endpoint", EndpointApi::describe);
    }

    private static ObjectNode describe(ApiRequest request) {
        String type = request.query("endpointType");
        if (type != null && !TYPES.contains(type)) {
            throw ApiError.INVALID_REQUEST.with("Endpoint type '" + type + "' is not valid; use one of " + TYPES
                    + ".");
        }
        return Json.object().put("endpointAddress", hostName(request.header("host")));
    }

    /** The host of a Host header without its port; loopback addresses become {@code localhost}. */
    static String hostName(String hostHeader) {
        String host = hostHeader == null ? "localhost" : hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equals("::1") || host.startsWith("127.") || host.isEmpty() ? "localhost" : host;
    }
}
