package dev.iotemulator.internal.broker;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded broker, so that a broker that can no longer route messages is reported instead of silently
 * losing them: every second it checks that each of Moquette's session loop threads is alive (a task that throws ends
 * one for good), and sends a canary message through the broker, from the server's link to a canary link, which must
 * come back within {@value #CANARY_TIMEOUT_MILLIS} ms. The first failure is logged once at ERROR; health stays
 * unhealthy until the canary gets through again with every thread alive.
 */
final class BrokerSupervisor implements BrokerLink.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSupervisor.class);
    static final String CANARY_CLIENT_ID = "$iot-emulator-canary";
    static final String CANARY_TOPIC = "$iot-emulator/canary";
    static final long CANARY_TIMEOUT_MILLIS = 10_000;
    private static final long CHECK_EVERY_MILLIS = 1_000;

    private final List<Thread> sessionLoops;
    private final Canary canary;
    private final LongSupplier clock;
    private volatile BrokerHealth health = BrokerHealth.OK;
    private volatile ScheduledFuture<?> checks;
    /** Touched on the supervisor's loop only, apart from {@link #received}. */
    private long sent;
    private long sentAtMillis;
    private volatile long received;

    /** Publishes one canary message through the broker. */
    @FunctionalInterface
    interface Canary {
        void send(byte[] payload);
    }

    BrokerSupervisor(List<Thread> sessionLoops, Canary canary, LongSupplier clock) {
        this.sessionLoops = List.copyOf(sessionLoops);
        this.canary = canary;
        this.clock = clock;
    }

    /** Subscribes the canary link and starts checking on {@code loop}. */
    void start(BrokerLink canaryLink, EventLoop loop) {
        canaryLink.subscribe(1, List.of(new MqttTopicSubscription(CANARY_TOPIC, MqttQoS.AT_LEAST_ONCE)));
        canaryLink.flush();
        checks = loop.scheduleWithFixedDelay(this::check, CHECK_EVERY_MILLIS, CHECK_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** No more checks: the broker is stopping, and its threads with it. */
    void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
    }

    BrokerHealth health() {
        return health;
    }

    /** One round: the threads, then the canary. Never throws: it runs on a shared loop. */
    void check() {
        try {
            long now = clock.getAsLong();
            String problem = deadLoop();
            if (problem == null && sent > received && now - sentAtMillis > CANARY_TIMEOUT_MILLIS) {
                problem = "a message sent through the embedded broker " + (now - sentAtMillis) / 1000 + " s ago has "
                        + "not come back (the canary round trip failed), so clients' messages may not be delivered";
            }
            if (sent == received || problem != null && now - sentAtMillis > CANARY_TIMEOUT_MILLIS) {
                sent++;
                sentAtMillis = now;
                canary.send(ByteBuffer.allocate(Long.BYTES).putLong(sent).array());
            }
            report(problem);
        } catch (RuntimeException e) {
            report("the broker check failed: " + e);
        }
    }

    private String deadLoop() {
        for (Thread t : sessionLoops) {
            if (!t.isAlive()) {
                return "the embedded broker's thread '" + t.getName() + "' has stopped, so the sessions it runs get "
                        + "no answer and their messages are lost; restart the emulator (and report the ERROR logged "
                        + "before this)";
            }
        }
        return null;
    }

    private void report(String problem) {
        BrokerHealth was = health;
        if (problem == null && !was.healthy()) {
            health = BrokerHealth.OK;
            LOG.warn("event=broker_healthy_again message=\"the broker's canary round trip works again\"");
        } else if (problem != null && was.healthy()) {
            health = BrokerHealth.unhealthy(problem);
            LOG.error("event=broker_unhealthy reason=\"{}\" message=\"GET /__emulator/health answers 503 until this "
                    + "is resolved\"", problem);
        } else if (problem != null) {
            health = BrokerHealth.unhealthy(problem);
        }
    }

    // ---- the canary link's listener ---------------------------------------------------------------------------

    @Override
    public void delivered(String topic, byte[] payload, int qos, Object tag) {
        if (CANARY_TOPIC.equals(topic) && payload.length == Long.BYTES) {
            received = Math.max(received, ByteBuffer.wrap(payload).getLong());
        }
    }
}
