package dev.iotemulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One thing that happened on the emulator, as {@link MessageJournal} keeps it.
 *
 * @param kind what happened
 * @param time when the emulator saw it
 * @param clientId the MQTT client id of the connection it happened on; null for a message the emulator itself
 *     published ({@code POST /__emulator/publish})
 * @param principal the access key id the connection authenticated with; null for the emulator's own messages
 * @param topic the topic name (publish, delivery) or filter (subscribe); null for connect, disconnect and denial
 * @param payload the message payload (publish, delivery); empty otherwise. The array is shared: do not modify it
 * @param qos the QoS of the message or requested subscription; 0 otherwise
 * @param retain whether the RETAIN flag was set
 * @param detail the transport (connect), the AWS {@code disconnectReason} (disconnect), or the denied action,
 *     resource and consequence (denial); null otherwise
 * @param source where a published message came from: {@code mqtt} (a client's PUBLISH or Last Will), {@code http}
 *     (the HTTPS data plane), {@code admin} (the admin or in-process API) or {@code service} (the emulator's own AWS
 *     services: shadow responses, lifecycle events); null for other kinds
 * @param properties the MQTT 5 properties of a published or delivered message; null when it has none (every MQTT
 *     3.1.1 message) and for other kinds
 */
public record JournalEntry(Kind kind, Instant time, String clientId, String principal, String topic, byte[] payload,
        int qos, boolean retain, String detail, String source, MessageProperties properties) {

    /** An entry without MQTT 5 properties. */
    public JournalEntry(Kind kind, Instant time, String clientId, String principal, String topic, byte[] payload,
            int qos, boolean retain, String detail, String source) {
        this(kind, time, clientId, principal, topic, payload, qos, retain, detail, source, null);
    }

    /** What a journal entry records. */
    public enum Kind {
        /** A client connection was accepted (CONNACK sent). */
        CONNECT,
        /** A connected client went away, for the reason in {@link JournalEntry#detail()}. */
        DISCONNECT,
        /** A client subscribed to the filter in {@link JournalEntry#topic()}. */
        SUBSCRIBE,
        /** A client (or the emulator) published a message that passed every check. */
        PUBLISH,
        /** The emulator delivered a message to the client {@link JournalEntry#clientId()}. */
        DELIVERY,
        /** An IoT policy denied a request. */
        DENIAL,
        /**
         * The emulator dropped a message on its way to the client {@link JournalEntry#clientId()}, as AWS IoT drops
         * what a session cannot hold; {@link JournalEntry#detail()} says why ({@code SESSION_QUEUE_FULL}, ...). No
         * payload is kept.
         */
        DROP
    }

    /** The payload decoded as UTF-8. */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
