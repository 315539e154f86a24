package dev.iotemulator.internal.dataplane;

import dev.iotemulator.internal.mqtt.RetainedStore;
import dev.iotemulator.internal.pipeline.PublishPipeline;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.shadow.ShadowService;
import java.util.Optional;

/**
 * What the data-plane routes share.
 *
 * @param pipeline where an HTTP publish goes, like every other message
 * @param policy   IoT policy decisions for one HTTP request
 */
public record DataPlaneServices(ShadowService shadows, RetainedStore retained, PublishPipeline pipeline,
        PolicyCheck policy, Arns arns) {

    /** An IoT policy check; empty when allowed, otherwise why not. */
    @FunctionalInterface
    public interface PolicyCheck {
        Optional<String> deny(String principal, String action, String resource, String sourceIp);
    }

    /** A 403 if the principal may not do {@code action} on {@code resource}, else empty. */
    Optional<HttpAnswer> authorize(String principal, String action, String resource, HttpCall call) {
        return denial(principal, action, resource, call).map(message -> HttpAnswer.error(403, "ForbiddenException",
                message));
    }

    /** Why the principal may not do {@code action} on {@code resource}, as the 403 says it; empty when it may. */
    Optional<String> denial(String principal, String action, String resource, HttpCall call) {
        return policy.deny(principal, action, resource, call.sourceIp()).map(reason -> "Forbidden: " + action + " on "
                + resource + " is not allowed for access key id " + principal + " (" + reason + ")");
    }
}
