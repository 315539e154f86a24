package dev.iotemulator.internal.policy;

import java.util.Objects;

/**
 * Builds the resource ARNs that IoT policies are written against:
 * {@code arn:aws:iot:<region>:<account>:<type>/<name>} (AWS IoT Developer Guide, "AWS IoT Core policy actions"
 * and "Action resources").
 *
 * <p>Names are inserted verbatim: MQTT {@code +} and {@code #} stay literal, as they do at AWS.
 *
 * @param region    the emulated region, for example {@code us-east-1}
 * @param accountId the emulated twelve-digit account id
 */
public record Arns(String region, String accountId) {

    /** Rejects nulls so every ARN built later is well formed. */
    public Arns {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** The resource of {@code iot:Connect}: {@code client/<clientId>}. */
    public String client(String clientId) {
        return of("client/", clientId);
    }

    /** The resource of {@code iot:Publish}, {@code iot:Receive} and {@code iot:RetainPublish}: {@code topic/<topic>}. */
    public String topic(String topic) {
        return of("topic/", topic);
    }

    /** The resource of {@code iot:Subscribe}: {@code topicfilter/<filter>}, wildcards included literally. */
    public String topicFilter(String topicFilter) {
        return of("topicfilter/", topicFilter);
    }

    /** The resource of the classic shadow and jobs HTTPS actions: {@code thing/<thingName>}. */
    public String thing(String thingName) {
        return of("thing/", thingName);
    }

    /** The resource of the named shadow HTTPS actions: {@code thing/<thingName>/<shadowName>}. */
    public String thing(String thingName, String shadowName) {
        return of("thing/", thingName + "/" + shadowName);
    }

    /** A certificate's ARN: {@code cert/<certificateId>}. */
    public String certificate(String certificateId) {
        return of("cert/", certificateId);
    }

    /** A policy's ARN: {@code policy/<policyName>}. */
    public String policy(String policyName) {
        return of("policy/", policyName);
    }

    /** A thing type's ARN: {@code thingtype/<thingTypeName>}. */
    public String thingType(String thingTypeName) {
        return of("thingtype/", thingTypeName);
    }

    /** A thing group's ARN: {@code thinggroup/<thingGroupName>}. */
    public String thingGroup(String thingGroupName) {
        return of("thinggroup/", thingGroupName);
    }

    /** A topic rule's ARN: {@code rule/<ruleName>}. */
    public String rule(String ruleName) {
        return of("rule/", ruleName);
    }

    /** A job's ARN: {@code job/<jobId>}. */
    public String job(String jobId) {
        return of("job/", jobId);
    }

    /** A provisioning template's ARN: {@code provisioningtemplate/<templateName>}. */
    public String provisioningTemplate(String templateName) {
        return of("provisioningtemplate/", templateName);
    }

    /** What every ARN of this account and region starts with: {@code arn:aws:iot:<region>:<account>:}. */
    public String prefix() {
        return "arn:aws:iot:" + region + ":" + accountId + ":";
    }

    private String of(String type, String name) {
        return "arn:aws:iot:" + region + ":" + accountId + ":" + type + name;
    }
}
