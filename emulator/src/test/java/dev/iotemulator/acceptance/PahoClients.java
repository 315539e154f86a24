package dev.iotemulator.acceptance;

import dev.iotemulator.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Real Eclipse Paho 1.2.5 clients, connected the way an AWS IoT app connects them. */
final class PahoClients {

    private PahoClients() {
    }

    /** A received message with its topic. */
    record Received(String topic, MqttMessage message) {
    }

    /** A connected Paho client that queues what it receives. */
    static final class Client implements AutoCloseable {
        final MqttClient paho;
        final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        volatile Throwable connectionLost;

        Client(MqttClient paho) {
            this.paho = paho;
            paho.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    connectionLost = cause;
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    inbox.add(new Received(topic, message));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
        }

        Received next() throws InterruptedException {
            Received r = inbox.poll(10, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no message arrived within 10 s for " + paho.getClientId());
            }
            return r;
        }

        List<Received> take(int count) throws InterruptedException {
            List<Received> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                all.add(next());
            }
            return all;
        }

        @Override
        public void close() throws MqttException {
            if (paho.isConnected()) {
                paho.disconnect(2_000);
            }
            paho.close(true);
        }
    }

    static Client overWebSocket(Endpoints endpoints, String clientId) throws MqttException {
        return connect(endpoints.presignedWebSocketUri().toString(), clientId);
    }

    static Client connect(String serverUri, String clientId) throws MqttException {
        return connect(serverUri, clientId, options());
    }

    static Client connect(String serverUri, String clientId, MqttConnectOptions options) throws MqttException {
        MqttClient paho = new MqttClient(serverUri, clientId, new MemoryPersistence());
        paho.setTimeToWait(15_000);
        Client client = new Client(paho);
        try {
            paho.connect(options);
        } catch (MqttException e) {
            paho.close(true);
            throw e;
        }
        return client;
    }

    /**
     * Connects over {@code ssl://} (MQTT over TLS) or {@code wss://} with the trust and client certificate of
     * {@code tls} (see {@link TlsMaterial}). Paho checks that the server certificate names the URI's host.
     */
    static Client connectTls(String serverUri, String clientId, SSLSocketFactory tls) throws MqttException {
        MqttConnectOptions options = options();
        options.setSocketFactory(tls);
        return connect(serverUri, clientId, options);
    }

    /**
     * Paho 1.2.5 wakes a synchronous {@code publish} as soon as the PUBACK arrives, but frees the in-flight slot later,
     * on its callback thread. A loop of synchronous QoS 1 publishes can therefore find its default window of 10 full
     * on a busy machine and fail with "Too many publishes in progress" (32202), a client-side race that says nothing
     * about the broker. A window larger than any test's loop keeps that race out of the tests.
     */
    static final int PAHO_SAFE_MAX_INFLIGHT = 1000;

    static MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(60);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(PAHO_SAFE_MAX_INFLIGHT);
        return options;
    }
}
