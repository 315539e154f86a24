package dev.iotemulator.acceptance;

import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import dev.iotemulator.Endpoints;

/**
 * The HiveMQ MQTT client (1.3.3), an MQTT 5 client, pointed at the emulator's plain TCP port as any MQTT 5 app points
 * it at a broker: host, port and client id, nothing else.
 */
final class HiveMqClients {

    private HiveMqClients() {
    }

    static Mqtt5ClientBuilder tcp(Endpoints endpoints, String clientId) {
        return Mqtt5Client.builder().identifier(clientId).serverHost(endpoints.host()).serverPort(endpoints.mqttPort());
    }
}
