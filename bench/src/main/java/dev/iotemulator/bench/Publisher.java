package dev.iotemulator.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code total} numbered messages on one connection, either as fast as the socket and the QoS 1 window allow,
 * or paced at a fixed rate. All state lives on the connection's event loop.
 */
final class Publisher {

    private static final int FLUSH_EVERY = 32;

    private final BenchClient client;
    private final String topic;
    private final MqttQoS qos;
    private final int total;
    private final int window;
    private final int payloadBytes;
    private int sent;
    private int inflight;
    private long pacedStartNanos;
    private double ratePerSecond;
    private ScheduledFuture<?> pacer;
    private boolean flat;

    Publisher(BenchClient client, String topic, MqttQoS qos, int total, int window, int payloadBytes) {
        this.client = client;
        this.topic = topic;
        this.qos = qos;
        this.total = total;
        this.window = window;
        this.payloadBytes = payloadBytes;
        client.onPubAck(this::onPubAck);
    }

    /** Sends as fast as possible: QoS 0 until the socket is not writable, QoS 1 up to the window. */
    void startFlat() {
        client.onWritable(this::pump);
        client.channel().eventLoop().execute(() -> {
            flat = true;
            pump();
        });
    }

    /** Sends {@code ratePerSecond} messages a second, checked every millisecond, until {@code total} are sent. */
    void startPaced(double ratePerSecond) {
        client.channel().eventLoop().execute(() -> {
            this.ratePerSecond = ratePerSecond;
            this.pacedStartNanos = System.nanoTime();
            pacer = client.channel().eventLoop().scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
        });
    }

    /** Sends one message now (for the fan-out scenario, which waits for each to arrive everywhere). */
    void sendOne() {
        client.channel().eventLoop().execute(() -> send(true));
    }

    private void tick() {
        long due = (long) ((System.nanoTime() - pacedStartNanos) / 1e9 * ratePerSecond);
        boolean any = false;
        while (sent < total && sent < due) {
            send(false);
            any = true;
        }
        if (any) {
            client.flush();
        }
        if (sent >= total && pacer != null) {
            pacer.cancel(false);
        }
    }

    private void pump() {
        int batch = 0;
        while (sent < total && client.isWritable() && (qos == MqttQoS.AT_MOST_ONCE || inflight < window)) {
            send(false);
            if (++batch == FLUSH_EVERY) {
                client.flush();
                batch = 0;
            }
        }
        client.flush();
    }

    private void send(boolean flush) {
        if (qos != MqttQoS.AT_MOST_ONCE) {
            inflight++;
        }
        client.publish(topic, qos, Inbox.payload(client.channel().alloc(), sent++, payloadBytes), flush);
    }

    private void onPubAck() {
        inflight--;
        if (flat) {
            pump();
        }
    }
}
