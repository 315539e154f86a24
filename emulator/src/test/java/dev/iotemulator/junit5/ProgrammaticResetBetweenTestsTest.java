package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An extension in a static field resets its emulator before each test, as the annotation does. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgrammaticResetBetweenTestsTest {

    @RegisterExtension
    static IotEmulatorExtension iot = IotEmulatorExtension.newInstance().build();

    @Test
    @Order(1)
    void the_first_test_publishes() throws Exception {
        ResetBetweenTestsTest.publishOne(iot.emulator());
    }

    @Test
    @Order(2)
    void the_second_test_sees_an_empty_journal() {
        assertTrue(iot.emulator().journal().entries().isEmpty(), () -> "journal: " + iot.emulator().journal().entries());
    }
}
