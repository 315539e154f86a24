package dev.iotemulator.internal.controlplane;

import java.util.Set;

/**
 * The AWS services whose REST-JSON operations the {@link ControlPlane} serves, each with the SigV4 signing names its
 * requests may carry in their credential scope.
 */
public enum Service {
    /**
     * AWS IoT's control plane. Its model's signing name is {@code iot}; botocore before 1.29.139 (and AWS CLI v2
     * builds that bundle it, such as Debian's 2.9.19) sign it as {@code execute-api}, so both are accepted.
     */
    IOT("AWS IoT", Set.of("iot", "execute-api")),
    /** The AWS IoT Jobs data plane over HTTPS, signing name {@code iot-jobs-data}. */
    JOBS_DATA("AWS IoT Jobs", Set.of("iot-jobs-data"));

    private final String title;
    private final Set<String> signingNames;

    Service(String title, Set<String> signingNames) {
        this.title = title;
        this.signingNames = signingNames;
    }

    /** How the route table names the service, e.g. {@code AWS IoT}. */
    public String title() {
        return title;
    }

    public Set<String> signingNames() {
        return signingNames;
    }
}
