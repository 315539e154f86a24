package dev.iotemulator.internal.mqtt;

import java.util.Optional;

/**
 * A shared subscription's filter, {@code $share/<ShareName>/<TopicFilter>} (developer guide, "MQTT", shared
 * subscriptions; MQTT 5 §4.8.2), which AWS IoT accepts on MQTT 3.1.1 and 5: every message matching the topic filter
 * goes to one member of the group of sessions subscribed with the same share name and filter. The share name has 1 to
 * 128 characters and no {@code /}, {@code +} or {@code #}; the topic filter follows the rules of any filter, its
 * slashes counted without the two of the prefix.
 *
 * @param shareName the group's name
 * @param topicFilter the filter messages are matched against
 */
public record SharedFilter(String shareName, String topicFilter) {

    public static final String PREFIX = "$share/";
    static final int MAX_SHARE_NAME = 128;

    /** Whether {@code filter} is a shared subscription's (well formed or not). */
    public static boolean isShared(String filter) {
        return filter.startsWith(PREFIX);
    }

    /** The parts of a well-formed shared filter; empty for any other filter. */
    public static Optional<SharedFilter> parse(String filter) {
        if (!isShared(filter)) {
            return Optional.empty();
        }
        int slash = filter.indexOf('/', PREFIX.length());
        if (slash < 0) {
            return Optional.empty();
        }
        return Optional.of(new SharedFilter(filter.substring(PREFIX.length(), slash), filter.substring(slash + 1)));
    }

    /** What is wrong with the share name, or empty. */
    Optional<String> checkShareName() {
        if (shareName.isEmpty() || shareName.length() > MAX_SHARE_NAME) {
            return Optional.of("shared subscription '" + PREFIX + shareName + "/" + topicFilter + "' has a share name of "
                    + shareName.length() + " characters; AWS IoT allows 1 to " + MAX_SHARE_NAME);
        }
        if (shareName.indexOf('+') >= 0 || shareName.indexOf('#') >= 0) {
            return Optional.of("the share name '" + shareName + "' contains a wildcard (+ or #), which a share name may "
                    + "not");
        }
        return Optional.empty();
    }

    /** The filter as the client sent it. */
    public String full() {
        return PREFIX + shareName + "/" + topicFilter;
    }
}
