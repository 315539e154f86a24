package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt5.ReasonCode;
import dev.iotemulator.internal.session.Session;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

/**
 * A client's DISCONNECT, AWS IoT's {@code CLIENT_INITIATED_DISCONNECT}: the Will is not published. An MQTT 5 client
 * may lower its session's expiry with it, or set it to 0, but not raise it from 0 (a protocol error, answered with
 * DISCONNECT 0x82); and it may ask for its Will with reason code 0x04 (Disconnect with Will Message).
 */
final class ClientDisconnect {

    private static final int WITH_WILL = 0x04;

    private ClientDisconnect() {
    }

    static void received(MqttConnection conn, MqttMessage disconnect) {
        if (conn.v5 == null || !(disconnect.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h)) {
            conn.close(DisconnectReason.CLIENT_INITIATED_DISCONNECT);
            return;
        }
        Integer expiry = Mqtt5Properties.integer(h.properties(), MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
        if (expiry != null) {
            if (!conn.v5.sessionExpiryOnDisconnect(Integer.toUnsignedLong(expiry),
                    conn.context.sessionExpiryCap().toSeconds())) {
                conn.clientError("DISCONNECT with Session Expiry Interval " + Integer.toUnsignedLong(expiry)
                        + " after a CONNECT with none (0); a session that ends with its connection cannot be made "
                        + "persistent at the DISCONNECT", ReasonCode.PROTOCOL_ERROR);
                return;
            }
            long millis = conn.v5.sessionExpirySeconds() * 1000;
            Session session = conn.session;
            session.execute(() -> session.expiry(millis));
        }
        conn.close(DisconnectReason.CLIENT_INITIATED_DISCONNECT, null, (h.reasonCode() & 0xFF) == WITH_WILL);
    }
}
