package dev.iotemulator;

/**
 * The MQTT limits the emulator enforces, AWS IoT Core's by default ("AWS IoT Core message broker and protocol
 * limits" in the AWS documentation). A client that exceeds one is disconnected, as AWS does. Raise a limit only to
 * test something AWS would refuse; the emulator then stops matching AWS.
 *
 * <pre>{@code
 * EmulatorOptions.builder().limits(MqttLimits.aws().withMaxPayloadBytes(256 * 1024)).build();
 * }</pre>
 *
 * @param maxClientIdBytes client id length in UTF-8 bytes (AWS: 128)
 * @param maxTopicBytes topic name or filter length in UTF-8 bytes (AWS: 256)
 * @param maxTopicSlashes slashes in a topic name or filter (AWS: 7)
 * @param maxPayloadBytes PUBLISH payload size (AWS: 128 KB = 131072)
 * @param maxFiltersPerSubscribe topic filters in one SUBSCRIBE (AWS: 8)
 * @param maxSubscriptionsPerConnection subscriptions one connection may hold (AWS: 50)
 */
public record MqttLimits(int maxClientIdBytes, int maxTopicBytes, int maxTopicSlashes, int maxPayloadBytes,
        int maxFiltersPerSubscribe, int maxSubscriptionsPerConnection) {

    public MqttLimits {
        positive(maxClientIdBytes, "maxClientIdBytes");
        positive(maxTopicBytes, "maxTopicBytes");
        positive(maxTopicSlashes, "maxTopicSlashes");
        positive(maxPayloadBytes, "maxPayloadBytes");
        positive(maxFiltersPerSubscribe, "maxFiltersPerSubscribe");
        positive(maxSubscriptionsPerConnection, "maxSubscriptionsPerConnection");
        if (maxPayloadBytes > 64 * 1024 * 1024) {
            throw new ConfigurationException("maxPayloadBytes " + maxPayloadBytes + " is over the emulator's 64 MB cap");
        }
    }

    /** AWS IoT Core's limits. */
    public static MqttLimits aws() {
        return new MqttLimits(128, 256, 7, 128 * 1024, 8, 50);
    }

    public MqttLimits withMaxPayloadBytes(int bytes) {
        return new MqttLimits(maxClientIdBytes, maxTopicBytes, maxTopicSlashes, bytes, maxFiltersPerSubscribe,
                maxSubscriptionsPerConnection);
    }

    public MqttLimits withMaxSubscriptionsPerConnection(int count) {
        return new MqttLimits(maxClientIdBytes, maxTopicBytes, maxTopicSlashes, maxPayloadBytes,
                maxFiltersPerSubscribe, count);
    }

    public MqttLimits withMaxFiltersPerSubscribe(int count) {
        return new MqttLimits(maxClientIdBytes, maxTopicBytes, maxTopicSlashes, maxPayloadBytes, count,
                maxSubscriptionsPerConnection);
    }

    public MqttLimits withMaxTopic(int bytes, int slashes) {
        return new MqttLimits(maxClientIdBytes, bytes, slashes, maxPayloadBytes, maxFiltersPerSubscribe,
                maxSubscriptionsPerConnection);
    }

    public MqttLimits withMaxClientIdBytes(int bytes) {
        return new MqttLimits(bytes, maxTopicBytes, maxTopicSlashes, maxPayloadBytes, maxFiltersPerSubscribe,
                maxSubscriptionsPerConnection);
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new ConfigurationException("MQTT limit " + name + " must be at least 1, not " + value);
        }
    }
}
