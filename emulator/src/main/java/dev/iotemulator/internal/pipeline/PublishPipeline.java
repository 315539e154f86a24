package dev.iotemulator.internal.pipeline;

import dev.iotemulator.MqttLimits;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.RetainedStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a message goes through the emulator, whatever its source (MQTT client, HTTP data plane, admin API, the
 * emulator's own services), in one order:
 *
 * <ol>
 *   <li>limits and shape ({@link LimitsStage});</li>
 *   <li>authorization for the source's principal ({@link AuthorizationStage});</li>
 *   <li>the journal ({@link JournalStage});</li>
 *   <li>AWS services on reserved topics ({@link ReservedTopicServices});</li>
 *   <li>the subscribers inside the emulator, such as the rules engine ({@link #subscribe});</li>
 *   <li>the retained store ({@link RetainStage});</li>
 *   <li>the broker ({@link BrokerStage});</li>
 *   <li>and for each subscriber the broker finds, the delivery check ({@link DeliveryCheck}), run by its session.</li>
 * </ol>
 *
 * Thread-safe; runs on the caller's thread.
 */
public final class PublishPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(PublishPipeline.class);

    private final MqttLimits mqttLimits;
    private final LimitsStage limits;
    private final AuthorizationStage authorization = new AuthorizationStage();
    private final JournalStage journal;
    private final ReservedTopicServices services;
    private final RetainStage retain;
    private final BrokerStage broker;
    private final List<Consumer<Publish>> subscribers = new CopyOnWriteArrayList<>();

    public PublishPipeline(MqttLimits limits, Journal journal, ReservedTopicServices services,
            RetainedStore retained, BrokerPort broker, Clock clock) {
        this.mqttLimits = limits;
        this.limits = new LimitsStage(limits);
        this.journal = new JournalStage(journal);
        this.services = services;
        this.retain = new RetainStage(retained, clock);
        this.broker = new BrokerStage(broker);
    }

    /** The limits the first stage applies. */
    public MqttLimits limits() {
        return mqttLimits;
    }

    public ReservedTopicServices services() {
        return services;
    }

    /**
     * Registers a subscriber inside the emulator (the rules engine): it sees every message that passed the limits
     * and authorization and was not consumed by a reserved-topic service, on the publisher's thread, before the
     * broker routes it. Keep it quick: hand any real work to another thread.
     */
    public void subscribe(Consumer<Publish> subscriber) {
        subscribers.add(subscriber);
    }

    /** Runs {@code message} through every stage; see the class comment for the order. */
    public Outcome publish(Publish message, Origin origin) {
        Outcome.Invalid invalid = limits.check(message);
        if (invalid != null) {
            return invalid;
        }
        Outcome.Denied denied = authorization.check(message, origin);
        if (denied != null) {
            return denied;
        }
        journal.record(message);
        if (services.offer(message)) {
            return Outcome.CONSUMED;
        }
        for (Consumer<Publish> subscriber : subscribers) {
            try {
                subscriber.accept(message);
            } catch (RuntimeException e) {
                LOG.error("event=subscriber_failed topic={} error=\"{}\"", message.topic(), e.toString(), e);
            }
        }
        broker.route(retain.apply(message), origin);
        return Outcome.ROUTED;
    }

    /** A message of the emulator's own services: shadow responses, lifecycle events. */
    public void publishAsService(String topic, byte[] payload, int qos) {
        publish(Publish.fromService(topic, payload, qos), Origin.SERVER);
    }
}
