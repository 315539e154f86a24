package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.Endpoints;
import dev.iotemulator.IotEmulator;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static {@code @RegisterExtension} field: one emulator, with the given options, for the whole class. */
class ProgrammaticStaticExtensionTest {

    @RegisterExtension
    static IotEmulatorExtension iot = IotEmulatorExtension.newInstance()
            .options(EmulatorOptions.builder().dynamicPorts().region("eu-west-1")
                    .allowedClockSkew(Duration.ofMinutes(1)).build())
            .build();

    static IotEmulator startedBeforeAll;

    @BeforeAll
    static void remember() {
        startedBeforeAll = iot.emulator();
    }

    @Test
    void starts_with_the_given_options() {
        assertEquals("eu-west-1", iot.endpoints().region());
        assertEquals(Duration.ofMinutes(1), iot.emulator().options().allowedClockSkew());
        assertTrue(TestKit.listening(iot.endpoints()));
    }

    @Test
    void every_test_of_the_class_gets_the_same_emulator() {
        assertSame(startedBeforeAll, iot.emulator());
    }

    @Test
    void injected_parameters_are_the_field_s_emulator(IotEmulator injected, Endpoints endpoints) {
        assertSame(iot.emulator(), injected);
        assertSame(iot.endpoints(), endpoints);
    }
}
