package dev.iotemulator.internal.pipeline;

import dev.iotemulator.internal.mqtt.RetainedStore;
import java.time.Clock;

/**
 * Stage 5: a retained message becomes its topic's stored one (an empty payload deletes it), and goes on to live
 * subscribers with RETAIN cleared, as AWS IoT delivers it (developer guide, "MQTT", retained messages).
 */
final class RetainStage {

    private final RetainedStore retained;
    private final Clock clock;

    RetainStage(RetainedStore retained, Clock clock) {
        this.retained = retained;
        this.clock = clock;
    }

    Publish apply(Publish p) {
        if (!p.retain()) {
            return p;
        }
        retained.retain(p.topic(), p.payload(), p.qos(), clock.millis(), p.properties(), p.expiresAtMillis());
        return p.withoutRetain();
    }
}
