package dev.iotemulator.internal.registry;

import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiRequest;
import java.util.Map;
import java.util.regex.Pattern;

/** The name and attribute rules of AWS IoT's service model, checked with AWS's validation messages. */
public final class Names {

    public static final Pattern THING = Pattern.compile("[a-zA-Z0-9:_-]+");
    public static final Pattern POLICY = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z0-9_.,@/:#-]+");
    static final Pattern ATTRIBUTE_VALUE = Pattern.compile("[a-zA-Z0-9_.,@/:#=\\[\\]-]*");

    private Names() {
    }

    /** A thing, thing type or thing group name: 1-128 of {@code a-zA-Z0-9:_-}. */
    public static String thing(String name, String member) {
        return ApiRequest.valid(name, member, THING, 128);
    }

    public static String policy(String name, String member) {
        return ApiRequest.valid(name, member, POLICY, 128);
    }

    /** Checks every attribute name (1-128) and value (0-800) of a thing or group. */
    static void attributes(Map<String, String> attributes) {
        attributes.forEach((name, value) -> {
            ApiRequest.valid(name, "attributePayload.attributes key", ATTRIBUTE_NAME, 128);
            if (value.length() > 800 || !ATTRIBUTE_VALUE.matcher(value).matches()) {
                throw ApiError.INVALID_REQUEST.with("1 validation error detected: Value '" + value
                        + "' at 'attributePayload.attributes." + name + "' failed to satisfy constraint: Member must "
                        + "have length less than or equal to 800 and satisfy regular expression pattern: "
                        + ATTRIBUTE_VALUE.pattern());
            }
        });
    }
}
