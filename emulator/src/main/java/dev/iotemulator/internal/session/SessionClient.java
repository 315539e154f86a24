package dev.iotemulator.internal.session;

import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.pipeline.ReceivePermission;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An MQTT client connection as its {@link Session} sees it. The session writes deliveries and acknowledgements to the
 * channel from its own event loop (Netty hands a write over to the channel's loop when they differ).
 */
public interface SessionClient {

    Channel channel();

    String clientId();

    /** The access key id or certificate id the client authenticated as. */
    String principal();

    /** {@code wss}, {@code tcp} or {@code mtls}, for the admin API. */
    String transport();

    /** The client's address, for the admin API. */
    String remoteAddress();

    /** The MQTT protocol level of its CONNECT: 4 for MQTT 3.1.1, 3 for 3.1, 5 for MQTT 5. */
    int protocolVersion();

    /** The keep-alive its CONNECT asked for, in seconds (AWS's bounds are applied to it: {@code KeepAlive}). */
    int keepAliveSeconds();

    /** When its CONNACK went out. */
    Instant connectedAt();

    /** The client's {@code iot:Receive} decisions; thread-safe. */
    ReceivePermission receivePermission();

    /**
     * The session no longer has this client: another connection took the session over, or the session ended (reset,
     * shutdown, broker failure, the admin API). The client closes itself on its own loop; the future completes once
     * it has, its Will and lifecycle event published. Callable from any thread.
     */
    CompletableFuture<Void> closeFromSession(DisconnectReason reason);

    /**
     * The broker confirmed a SUBSCRIBE ({@code subscribed}) or an UNSUBSCRIBE, and the SUBACK or UNSUBACK has gone
     * out: the filters granted or removed, for lifecycle events. Called on the session's loop; must be thread-safe.
     */
    void subscriptionsChanged(boolean subscribed, List<String> filters);

    /** Whether the client speaks MQTT 5 (its acknowledgements carry reason codes). */
    default boolean mqtt5() {
        return false;
    }

    /** How many unacknowledged QoS 1 deliveries the client takes at once (its MQTT 5 {@code Receive Maximum}). */
    default int receiveMaximum() {
        return 65_535;
    }

    /**
     * The PUBLISH that delivers {@code d} to this client, or null when it must not go (an MQTT 5 client's Maximum
     * Packet Size). Called on the session's loop, in the order the PUBLISHes are written.
     */
    default MqttPublishMessage publishFor(Delivery d, int packetId, boolean dup) {
        return d.plainPublish(packetId, dup);
    }
}
