package dev.iotemulator.internal.auth;

/** Why a signing name that belongs to another part of AWS IoT is not the one the data plane verifies. */
final class ServiceNames {

    private ServiceNames() {
    }

    /** A sentence for the control plane's names ({@code iot}, {@code execute-api}); empty for any other name. */
    static String controlPlaneHint(String service) {
        if (!"iot".equals(service) && !"execute-api".equals(service)) {
            return "";
        }
        return "'" + service + "' signs calls to the AWS IoT control plane (the iot API, such as DescribeEndpoint; "
                + "the AWS CLI uses execute-api for it), not MQTT or the data plane, which are signed for "
                + "'iotdevicegateway' (or 'iotdata'). ";
    }
}
