package dev.iotemulator.internal.mqtt;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reserved topic families of AWS services the emulator does not emulate (Device Defender, streams, secure
 * tunneling, Device Location, SiteWise). Clients may use them as on AWS (the broker carries the messages), but no
 * service answers; the first publish or subscribe of each family logs that once per process.
 */
public final class UnemulatedTopics {

    private static final Logger LOG = LoggerFactory.getLogger(UnemulatedTopics.class);

    private record Family(String service, Pattern topics) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("AWS IoT Device Defender (detect metrics)", Pattern.compile("^\\$aws/things/[^/]+/defender/.*")),
            new Family("MQTT-based file delivery (streams)", Pattern.compile("^\\$aws/things/[^/]+/streams/.*")),
            new Family("AWS IoT secure tunneling", Pattern.compile("^\\$aws/things/[^/]+/tunnels/.*")),
            new Family("AWS IoT Core Device Location", Pattern.compile("^\\$aws/device_location/.*")),
            new Family("AWS IoT SiteWise", Pattern.compile("^\\$aws/sitewise/.*")),
            new Family("Fleet provisioning with CBOR payloads (JSON is emulated)",
                    Pattern.compile("^\\$aws/(certificates/[^/]+|provisioning-templates/[^/]+/provision)/cbor(/.*)?")));
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private UnemulatedTopics() {
    }

    /** The unemulated service a topic or filter belongs to, if any; only {@code $aws/} topics are matched. */
    public static Optional<String> serviceOf(String topic) {
        if (!topic.startsWith("$aws/")) {
            return Optional.empty();
        }
        return FAMILIES.stream().filter(f -> f.topics.matcher(topic).matches()).map(Family::service).findFirst();
    }

    /** Logs, once per family and process, that a client used a topic of a service the emulator does not emulate. */
    public static void note(String topic, String use) {
        serviceOf(topic).filter(LOGGED::add).ifPresent(service -> LOG.warn("event=service_not_emulated service=\"{}\" "
                + "topic={} use={} message=\"{} is not emulated: messages on its reserved topics reach subscribers, "
                + "but nothing answers them (logged once per service)\"", service, topic, use, service));
    }
}
