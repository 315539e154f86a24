package dev.iotemulator.internal.provisioning;

import java.time.Instant;

/**
 * A provisioning template as DescribeProvisioningTemplate shows it.
 *
 * @param body the template JSON, kept as given
 * @param hookTargetArn the pre-provisioning hook's Lambda, or null; the emulator does not call it
 */
public record ProvisioningTemplate(String name, String description, String body, boolean enabled,
        String provisioningRoleArn, String type, String hookTargetArn, String hookPayloadVersion,
        Instant creationDate, Instant lastModifiedDate) {

    ProvisioningTemplate updated(String newDescription, Boolean newEnabled, String newRole, String newHook,
            String newPayloadVersion, boolean removeHook, Instant now) {
        return new ProvisioningTemplate(name, newDescription == null ? description : newDescription,
                body, newEnabled == null ? enabled : newEnabled, newRole == null ? provisioningRoleArn : newRole, type,
                removeHook ? null : newHook == null ? hookTargetArn : newHook,
                removeHook ? null : newPayloadVersion == null ? hookPayloadVersion : newPayloadVersion, creationDate,
                now);
    }
}
