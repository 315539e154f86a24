package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.iotemulator.Credentials;
import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.UserProperty;

/**
 * The AWS IoT Device SDK for Java v2 {@code Mqtt5Client} (the SDK's recommended client), as a device builds it with
 * {@code AwsIotMqtt5ClientBuilder}: mTLS with a certificate the emulator created, and SigV4 over WSS with long-term and
 * temporary credentials. It connects, subscribes, and gets user properties and a response topic intact; a publish the
 * IoT policy denies gets PUBACK 0x87, which the SDK reports, and the connection stays up.
 */
@IotEmulatorTest
class DeviceSdkMqtt5Test {

    static IotEmulator iot;
    static DeviceCertificate.Files device;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start(IotEmulator emulator) {
        iot = emulator;
        device = iot.createDeviceCertificate("sdk5-thing", "AllowEverything").writeTo(dir.resolve("device"));
    }

    @Test
    void mutual_tls_with_a_created_certificate_round_trips_user_properties_and_a_response_topic() throws Exception {
        try (DeviceSdkMqtt5Clients.Client c = DeviceSdkMqtt5Clients.start(DeviceSdkMqtt5Clients.mtls("localhost",
                iot.endpoints().mqttsPort(), ca(), device.certificate(), device.privateKey()), "sdk5-thing")) {
            ConnAckPacket ack = c.awaitConnected();
            assertEquals(100, ack.getReceiveMaximum());
            assertEquals(QOS.AT_LEAST_ONCE, ack.getMaximumQOS());
            assertEquals(8, ack.getTopicAliasMaximum());
            roundTrip(c, "sdk5/mtls");
        }
    }

    @Test
    void websockets_with_sigv4_and_long_term_keys_round_trip() throws Exception {
        Credentials key = iot.endpoints().defaultCredentials();
        try (DeviceSdkMqtt5Clients.Client c = DeviceSdkMqtt5Clients.start(DeviceSdkMqtt5Clients.webSocketSigV4(
                "localhost", iot.endpoints().httpsPort(), ca(), "us-east-1", key.accessKeyId(),
                key.secretAccessKey(), null), "sdk5-wss")) {
            c.awaitConnected();
            roundTrip(c, "sdk5/wss");
        }
    }

    @Test
    void websockets_with_sigv4_and_temporary_credentials_round_trip() throws Exception {
        try (DeviceSdkMqtt5Clients.Client c = DeviceSdkMqtt5Clients.start(DeviceSdkMqtt5Clients.webSocketSigV4(
                "localhost", iot.endpoints().httpsPort(), ca(), "us-east-1", "ASIAIOSFODNN7EXAMPLE",
                "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE/SESSION+TOKEN=="),
                "sdk5-wss-temp")) {
            c.awaitConnected();
            roundTrip(c, "sdk5/wss-temp");
        }
    }

    @Test
    void a_publish_the_policy_denies_gets_puback_0x87_and_the_connection_stays() throws Exception {
        try (DeviceSdkMqtt5Clients.Client c = DeviceSdkMqtt5Clients.start(DeviceSdkMqtt5Clients.webSocketSigV4(
                "localhost", iot.endpoints().httpsPort(), ca(), "us-east-1", "AKIAI44QH8DHBEXAMPLE",
                "scopedDeviceExampleSecretKeyEXAMPLEKEY1", null), "device-sdk5")) {
            c.awaitConnected();
            PublishResult denied = c.publish(new PublishPacket.PublishPacketBuilder("room/admin", QOS.AT_LEAST_ONCE,
                    "no".getBytes(UTF_8)).build());
            assertEquals(PubAckPacket.PubAckReasonCode.NOT_AUTHORIZED, denied.getResultPubAck().getReasonCode());
            SubAckPacket subAck = c.subscribe("room/lobby");
            assertEquals(List.of(SubAckPacket.SubAckReasonCode.GRANTED_QOS_1), subAck.getReasonCodes());
            PublishResult allowed = c.publish(new PublishPacket.PublishPacketBuilder("room/lobby", QOS.AT_LEAST_ONCE,
                    "yes".getBytes(UTF_8)).build());
            assertEquals(PubAckPacket.PubAckReasonCode.SUCCESS, allowed.getResultPubAck().getReasonCode());
            assertEquals("yes", new String(c.next().getPayload(), UTF_8));
            assertNull(c.failures.peek(), "no reconnect happened");
        }
    }

    private static void roundTrip(DeviceSdkMqtt5Clients.Client c, String topic) throws Exception {
        assertEquals(List.of(SubAckPacket.SubAckReasonCode.GRANTED_QOS_1), c.subscribe(topic).getReasonCodes());
        PublishResult result = c.publish(new PublishPacket.PublishPacketBuilder(topic, QOS.AT_LEAST_ONCE,
                "from the mqtt5 client".getBytes(UTF_8)).withResponseTopic(topic + "/reply")
                .withCorrelationData("corr".getBytes(UTF_8))
                .withUserProperties(List.of(new UserProperty("device", "d1"), new UserProperty("seq", "1"),
                        new UserProperty("device", "d2"))).build());
        assertEquals(PubAckPacket.PubAckReasonCode.SUCCESS, result.getResultPubAck().getReasonCode());
        PublishPacket got = c.next();
        assertEquals(topic, got.getTopic());
        assertEquals("from the mqtt5 client", new String(got.getPayload(), UTF_8));
        assertEquals(topic + "/reply", got.getResponseTopic());
        assertEquals("corr", new String(got.getCorrelationData(), UTF_8));
        assertEquals(List.of("device=d1", "seq=1", "device=d2"),
                DeviceSdkMqtt5Clients.Client.names(got.getUserProperties()));
    }

    private static Path ca() {
        return iot.endpoints().caCertificateFile().orElseThrow();
    }
}
