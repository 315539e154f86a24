package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A flat-out QoS 1 publisher (a real Paho async client) that keeps 100 messages in flight: each PUBACK frees a slot.
 * A window that stays full means the emulator stopped acknowledging; a lost connection is recorded as the problem.
 */
final class WindowedPublisher implements AutoCloseable {

    static final int WINDOW = 100;

    private final MqttAsyncClient paho;
    private final Semaphore window = new Semaphore(WINDOW);
    private final AtomicReference<String> problem;

    /** Connects {@code clientId} to {@code tcp}; what goes wrong is recorded in {@code problem} (first one wins). */
    WindowedPublisher(String tcp, String clientId, AtomicReference<String> problem) throws MqttException {
        this.problem = problem;
        paho = new MqttAsyncClient(tcp, clientId, new MemoryPersistence());
        paho.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                problem.compareAndSet(null, "publisher lost its connection: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                window.release();
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(WINDOW);
        options.setKeepAliveInterval(60);
        paho.connect(options).waitForCompletion(10_000);
    }

    /** Publishes at QoS 1 once a slot is free, failing the test if none frees up before {@code deadlineNanos}. */
    void publish(String topic, byte[] payload, long deadlineNanos) throws Exception {
        assertTrue(window.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS),
                "the publisher's window stayed full: the emulator stopped acknowledging (" + problem.get() + ")");
        paho.publish(topic, payload, 1, false);
    }

    /** Waits until every message published so far has been acknowledged. */
    void awaitAcknowledged(long deadlineNanos) throws InterruptedException {
        assertTrue(window.tryAcquire(WINDOW, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS),
                "the last publishes were not acknowledged");
        window.release(WINDOW);
    }

    @Override
    public void close() throws MqttException {
        if (paho.isConnected()) {
            paho.disconnect().waitForCompletion(5_000);
        }
        paho.close();
    }
}
