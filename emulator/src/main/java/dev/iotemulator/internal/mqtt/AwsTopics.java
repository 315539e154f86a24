package dev.iotemulator.internal.mqtt;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS IoT's rules for topic names and filters, as the developer guide states them ("MQTT topics", "Reserved
 * topics", "AWS IoT Core message broker and protocol limits"): at most 256 UTF-8 bytes and 7 slashes (the
 * {@code $aws/rules/<rule>/} prefix of Basic Ingest not counted), no wildcards in names, and only the reserved
 * {@code $aws/...} families that clients may use. Each check answers the violation, or empty when the topic is fine.
 */
public final class AwsTopics {

    private static final String RULES = "$aws/rules/";
    private static final Pattern SHADOW_REQUEST =
            Pattern.compile("^\\$aws/things/[^/]+/shadow(/name/[^/]+)?/(get|update|delete)$");
    private static final Pattern JOBS_REQUEST = Pattern.compile(
            "^\\$aws/things/[^/]+/jobs/(get|start-next|[^/]+/get|[^/]+/update)$");
    private static final Pattern RULES_TOPIC = Pattern.compile("^\\$aws/rules/[^/]+(/.*)?$");
    /** The other request topics AWS defines (developer guide "Reserved topics"). */
    private static final Pattern OTHER_REQUEST = Pattern.compile("^\\$aws/("
            + "things/[^/]+/defender/metrics/(json|cbor)"
            + "|things/[^/]+/streams/[^/]+/(get|describe)/(json|cbor)"
            + "|certificates/create/(json|cbor)"
            + "|certificates/create-from-csr/(json|cbor)"
            + "|provisioning-templates/[^/]+/provision/(json|cbor)"
            + "|device_location/[^/]+/get_position_estimate"
            + "|sitewise/.+"
            + ")$");
    /** Every reserved topic family AWS lets clients subscribe to. */
    private static final Pattern SUBSCRIBABLE = Pattern.compile("^\\$aws/("
            + "things/[^/]+/(shadow|jobs|defender|streams|tunnels)(/.*)?"
            + "|events/.*"
            + "|certificates/(create|create-from-csr)/[^/]+(/.*)?"
            + "|provisioning-templates/[^/]+/provision/[^/]+(/.*)?"
            + "|device_location/[^/]+/get_position_estimate(/.*)?"
            + "|sitewise/.*"
            + ")$");

    private final int maxTopicBytes;
    private final int maxSlashes;

    public AwsTopics(int maxTopicBytes, int maxSlashes) {
        this.maxTopicBytes = maxTopicBytes;
        this.maxSlashes = maxSlashes;
    }

    public static AwsTopics aws() {
        return new AwsTopics(256, 7);
    }

    /**
     * Problems with a PUBLISH topic name. Checked on every message, so an ordinary topic costs one pass over its
     * characters and no allocation; only {@code $} topics are matched against AWS's reserved families.
     */
    public Optional<String> checkPublishTopic(String topic) {
        Optional<String> shape = checkShape(topic, "topic name");
        if (shape.isPresent()) {
            return shape;
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return Optional.of("topic name '" + topic + "' contains a wildcard (+ or #); publishers cannot use them");
        }
        if (topic.startsWith("$") && !(SHADOW_REQUEST.matcher(topic).matches() || JOBS_REQUEST.matcher(topic).matches()
                || RULES_TOPIC.matcher(topic).matches() || OTHER_REQUEST.matcher(topic).matches())) {
            return Optional.of("topic '" + topic + "' is reserved: clients may publish only to the AWS-defined $aws "
                    + "request topics (shadow get/update/delete, jobs, $aws/rules/<rule>, fleet provisioning, "
                    + "defender metrics, streams, device location, SiteWise)");
        }
        if (topic.startsWith("$aws/")) {
            UnemulatedTopics.note(topic, "publish");
        }
        return Optional.empty();
    }

    /** Problems with a SUBSCRIBE topic filter, a shared subscription's included. */
    public Optional<String> checkTopicFilter(String filter) {
        if (SharedFilter.isShared(filter)) {
            Optional<SharedFilter> shared = SharedFilter.parse(filter);
            if (shared.isEmpty()) {
                return Optional.of("shared subscription '" + filter + "' is not of the form $share/<ShareName>/"
                        + "<TopicFilter>");
            }
            Optional<String> name = shared.get().checkShareName();
            return name.isPresent() ? name : checkTopicFilter(shared.get().topicFilter());
        }
        Optional<String> shape = checkShape(filter, "topic filter");
        if (shape.isPresent()) {
            return shape;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if ((level.contains("#") && (!level.equals("#") || i != levels.length - 1))
                    || (level.contains("+") && !level.equals("+"))) {
                return Optional.of("topic filter '" + filter + "' uses a wildcard inside a level; + must be a whole "
                        + "level and # must be the whole last level");
            }
        }
        if (filter.startsWith("$aws/")) {
            UnemulatedTopics.note(filter, "subscribe");
        }
        if (filter.startsWith("$") && !SUBSCRIBABLE.matcher(filter).matches()) {
            return Optional.of("topic filter '" + filter + "' is reserved: clients may subscribe only to the AWS-defined "
                    + "$aws/things/<thing>/{shadow,jobs,defender,streams,tunnels}/..., $aws/events/..., "
                    + "$aws/certificates/..., $aws/provisioning-templates/<template>/provision/..., "
                    + "$aws/device_location/... and $aws/sitewise/... topics");
        }
        return Optional.empty();
    }

    private Optional<String> checkShape(String topic, String what) {
        if (topic.isEmpty()) {
            return Optional.of("the " + what + " is empty");
        }
        int from = rulesPrefixLength(topic);
        int bytes = 0;
        int slashes = 0;
        for (int i = from; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '/') {
                slashes++;
            }
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        if (bytes > maxTopicBytes) {
            return Optional.of(what + " '" + abbreviate(topic) + "' is " + bytes + " bytes long; AWS IoT allows "
                    + maxTopicBytes);
        }
        if (slashes > maxSlashes) {
            return Optional.of(what + " '" + abbreviate(topic) + "' has " + slashes + " slashes; AWS IoT allows "
                    + maxSlashes + " (" + (maxSlashes + 1) + " levels)");
        }
        return Optional.empty();
    }

    /** The length of a Basic Ingest prefix {@code $aws/rules/<rule>/}, which AWS does not count; 0 without one. */
    private static int rulesPrefixLength(String topic) {
        if (!topic.startsWith(RULES)) {
            return 0;
        }
        int slash = topic.indexOf('/', RULES.length());
        return slash > RULES.length() ? slash + 1 : 0;
    }

    private static String abbreviate(String topic) {
        return topic.length() <= 80 ? topic : topic.substring(0, 77) + "...";
    }

    /**
     * Whether {@code filter} matches {@code topic} the way AWS IoT matches: {@code a/#} matches {@code a/} and
     * {@code a/b/c} but, unlike the MQTT specification, not {@code a}; filters starting with a wildcard never match
     * {@code $} topics.
     */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        int f = 0;
        int t = 0;
        while (f < filter.length()) {
            char c = filter.charAt(f);
            if (c == '#') {
                return t < topic.length() || (t > 0 && topic.charAt(t - 1) == '/' && f > 0);
            }
            if (c == '+') {
                while (t < topic.length() && topic.charAt(t) != '/') {
                    t++;
                }
                f++;
                continue;
            }
            if (t >= topic.length() || topic.charAt(t) != c) {
                return false;
            }
            f++;
            t++;
        }
        return t == topic.length();
    }

    /** Whether a filter names one topic exactly (no wildcards): AWS replays retained messages only to those. */
    public static boolean isExact(String filter) {
        return filter.indexOf('+') < 0 && filter.indexOf('#') < 0;
    }
}
