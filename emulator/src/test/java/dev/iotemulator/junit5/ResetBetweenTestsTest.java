package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.IotEmulator;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A class's shared emulator is reset before each test unless the class opts out. */
class ResetBetweenTestsTest {

    /** Publishes one message and waits until the emulator has it. */
    static void publishOne(IotEmulator iot) throws Exception {
        var client = new org.eclipse.paho.client.mqttv3.MqttClient(iot.endpoints().presignedWebSocketUri().toString(),
                "resetter", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        client.connect();
        client.publish("reset/probe", "x".getBytes(), 1, false);
        iot.awaitMessage("reset/probe", Duration.ofSeconds(10));
        client.disconnect();
        client.close();
    }

    @Nested
    @IotEmulatorTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Declarative {

        @Test
        @Order(1)
        void the_first_test_publishes(IotEmulator iot) throws Exception {
            publishOne(iot);
        }

        @Test
        @Order(2)
        void the_second_test_sees_an_empty_journal(IotEmulator iot) {
            assertTrue(iot.journal().entries().isEmpty(), () -> "journal: " + iot.journal().entries());
        }
    }

    @Nested
    @IotEmulatorTest(resetBetweenTests = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class DeclarativeOptOut {

        @Test
        @Order(1)
        void the_first_test_publishes(IotEmulator iot) throws Exception {
            publishOne(iot);
        }

        @Test
        @Order(2)
        void the_second_test_still_sees_that_message(IotEmulator iot) {
            // Lifecycle events are journaled too (source "service"); the client's own message is the one that counts.
            assertEquals(1, iot.journal().publishes().stream().filter(m -> "mqtt".equals(m.source())).count());
        }
    }
}
