package dev.iotemulator.internal.shadow;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A thing's classic shadow ({@code shadowName} null) or one of its named shadows. Names follow the AWS IoT Data
 * model: thing {@code [a-zA-Z0-9:_-]+} (1-128), shadow {@code [$a-zA-Z0-9:_-]+} (1-64).
 */
public record ShadowName(String thingName, String shadowName) {

    private static final Pattern THING = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    private static final Pattern SHADOW = Pattern.compile("[$a-zA-Z0-9:_-]{1,64}");

    public static ShadowName classic(String thingName) {
        return new ShadowName(thingName, null);
    }

    public static ShadowName named(String thingName, String shadowName) {
        return new ShadowName(thingName, shadowName);
    }

    public boolean isClassic() {
        return shadowName == null;
    }

    /** Why the names are not valid AWS names, or empty. */
    public Optional<String> problem() {
        if (thingName == null || !THING.matcher(thingName).matches()) {
            return Optional.of("thing name '" + thingName + "' must match [a-zA-Z0-9:_-]+ and be 1-128 characters");
        }
        if (shadowName != null && !SHADOW.matcher(shadowName).matches()) {
            return Optional.of("shadow name '" + shadowName + "' must match [$a-zA-Z0-9:_-]+ and be 1-64 characters");
        }
        return Optional.empty();
    }

    /** The name AWS quotes in "No shadow exists with name: '...'". */
    public String displayName() {
        return isClassic() ? thingName : shadowName;
    }

    /** {@code $aws/things/<thing>/shadow} or {@code $aws/things/<thing>/shadow/name/<shadow>}. */
    public String topicPrefix() {
        return "$aws/things/" + thingName + "/shadow" + (isClassic() ? "" : "/name/" + shadowName);
    }
}
