package dev.iotemulator.internal.connection;

import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;

/**
 * What Netty's MQTT decoder could not read, in the developer's terms: which packet, what was wrong with it, and what
 * the client id was when one had been read. The decoder's own messages ("invalid clientIdentifier", "message length
 * exceeds ...") name neither the rule nor the fix.
 *
 * @param packet the packet type, or {@code "packet"} when even the fixed header was unreadable
 * @param connect whether it was a CONNECT
 * @param refusal for a CONNECT that MQTT answers with a CONNACK (unacceptable protocol, rejected identifier): the
 *     return code, named in the log as the reason; null when the connection is just closed
 * @param problem what was wrong, with the fix
 */
record UndecodablePacket(String packet, boolean connect, MqttConnectReturnCode refusal, String problem) {

    /** Explains the decoder's failure for a message whose {@code decoderResult()} failed. */
    static UndecodablePacket of(MqttMessage invalid, String clientId) {
        Throwable cause = invalid.decoderResult().cause();
        MqttFixedHeader fixed = invalid.fixedHeader();
        String packet = fixed == null ? "packet" : fixed.messageType().name();
        boolean connect = fixed != null && "CONNECT".equals(packet);
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            return new UndecodablePacket(packet, connect, CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, "the "
                    + "CONNECT names a protocol the emulator does not speak (" + cause.getMessage() + "); AWS IoT "
                    + "accepts MQTT 3.1.1 (protocol name MQTT, level 4) and MQTT 5; the emulator also takes MQTT 3.1 "
                    + "(MQIsdp, level 3)");
        }
        if (cause instanceof MqttIdentifierRejectedException) {
            return new UndecodablePacket(packet, connect, CONNECTION_REFUSED_IDENTIFIER_REJECTED, "the CONNECT's "
                    + "client id could not be read (" + cause.getMessage() + "); give the client an id of 1 to 128 "
                    + "bytes that does not start with $");
        }
        if (cause instanceof TooLongFrameException) {
            return new UndecodablePacket(packet, connect, null, packet + " is larger than the emulator reads ("
                    + cause.getMessage() + " bytes)" + topicOf(invalid) + "; AWS IoT's payload limit is 128 KB");
        }
        String where = connect && invalid.variableHeader() instanceof MqttConnectVariableHeader header
                ? " (protocol level " + header.version() + (clientId.isEmpty() ? "" : ", client id " + clientId)
                        + ")"
                : topicOf(invalid);
        return new UndecodablePacket(packet, connect, null, "malformed " + packet + where + ": "
                + (cause == null ? "unreadable" : cause.getMessage()) + "; the client broke the MQTT wire format");
    }

    private static String topicOf(MqttMessage invalid) {
        return invalid.variableHeader() instanceof MqttPublishVariableHeader publish
                ? " to topic '" + publish.topicName() + "'" : "";
    }
}
