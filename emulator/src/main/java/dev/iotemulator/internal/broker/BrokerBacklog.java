package dev.iotemulator.internal.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many messages are inside the broker: routed, but not yet handed to every subscriber's session. Moquette
 * acknowledges a QoS 1 PUBLISH once it has queued the deliveries on its session threads, not once it has made them,
 * so under load its queues would grow without bound and no subscriber's session would see it. Every payload the
 * gateway hands the broker is wrapped in a buffer that counts itself: it is born when routed and freed when the broker
 * and the last link have let go of it. Past a high-water mark the broker is congested and publishers hold back, like
 * for a slow subscriber.
 *
 * <p>The same buffer carries what MQTT 5 adds to a message (its properties and expiry) past the broker, an MQTT 3.1.1
 * broker that knows nothing of them: as a tag beside the payload, null for a plain message.
 *
 * <p>If the count stays up while nothing at all leaves the broker for a while, a buffer was not released (a broker
 * bug, not load): that part of the count is written off with one WARN, so publishers are never held for good.
 */
public final class BrokerBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerBacklog.class);
    private static final long STUCK_NANOS = 5_000_000_000L;

    /** What the backlog tells when it crosses its marks. */
    public interface Listener {
        void congested();

        void cleared();
    }

    private final int highWater;
    private final int lowWater;
    private final AtomicInteger inBroker = new AtomicInteger();
    private final AtomicBoolean congested = new AtomicBoolean();
    private final AtomicLong lastRelease = new AtomicLong(System.nanoTime());
    private volatile int writtenOff;
    private volatile Listener listener = new Listener() {
        @Override
        public void congested() {
        }

        @Override
        public void cleared() {
        }
    };

    public BrokerBacklog(int highWater, int lowWater) {
        this.highWater = highWater;
        this.lowWater = lowWater;
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    /**
     * The payload as a buffer that counts itself in the backlog until it is released for the last time.
     *
     * @param tag what travels beside the payload to the subscribers' links ({@link #tagOf}), or null
     */
    ByteBuf wrap(byte[] payload, Object tag) {
        return new CountedPayload(payload, tag);
    }

    /**
     * The tag of a payload the broker delivers. The broker passes on duplicates of the buffer it was given, so the
     * tag is found by unwrapping; it never goes through the broker's own code, nor onto any wire.
     */
    static Object tagOf(ByteBuf payload) {
        for (ByteBuf b = payload; b != null; b = b.unwrap()) {
            if (b instanceof CountedPayload counted) {
                return counted.tag;
            }
        }
        return null;
    }

    /** How many messages are inside the broker now. */
    public int size() {
        return inBroker.get() - writtenOff;
    }

    /**
     * Called now and then (by the broker's timer): writes off a count that has not moved for 5 s while congested,
     * which only a buffer that was never released can cause.
     */
    void checkStuck() {
        if (congested.get() && System.nanoTime() - lastRelease.get() > STUCK_NANOS) {
            int stuck = size();
            writtenOff += stuck;
            LOG.warn("event=broker_backlog_stuck messages={} message=\"the broker has held {} messages for 5 s "
                    + "without delivering any; counting them as lost so publishers are not held back for good\"",
                    stuck, stuck);
            clearIfLow();
        }
    }

    private void added() {
        if (inBroker.incrementAndGet() - writtenOff >= highWater && congested.compareAndSet(false, true)) {
            listener.congested();
        }
    }

    private void released() {
        lastRelease.set(System.nanoTime());
        if (inBroker.decrementAndGet() - writtenOff <= lowWater) {
            clearIfLow();
        }
    }

    private void clearIfLow() {
        if (congested.compareAndSet(true, false)) {
            listener.cleared();
        }
    }

    /** A heap buffer over the payload array that tells the backlog when it is born and when it is freed. */
    private final class CountedPayload extends UnpooledHeapByteBuf {
        private final Object tag;

        CountedPayload(byte[] payload, Object tag) {
            super(UnpooledByteBufAllocator.DEFAULT, payload, payload.length);
            this.tag = tag;
            added();
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            released();
        }
    }
}
