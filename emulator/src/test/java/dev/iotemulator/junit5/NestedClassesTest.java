package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.IotEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code @Nested} classes share the enclosing class's emulator, unless annotated with other settings. */
@IotEmulatorTest(region = "eu-north-1")
class NestedClassesTest {

    static IotEmulator outer;

    @BeforeAll
    static void remember(IotEmulator iot) {
        outer = iot;
    }

    @Test
    void the_outer_class_has_its_emulator(IotEmulator iot) {
        assertSame(outer, iot);
    }

    @Nested
    class Inner {

        @Test
        void shares_the_enclosing_class_s_emulator(IotEmulator iot) {
            assertSame(outer, iot);
            assertEquals("eu-north-1", iot.endpoints().region());
        }

        @Nested
        class Deeper {

            @Test
            void still_shares_it(IotEmulator iot) {
                assertSame(outer, iot);
            }
        }
    }

    @Nested
    @IotEmulatorTest(region = "ap-southeast-2")
    class InAnotherRegion {

        @Test
        void gets_its_own_emulator_with_its_own_settings(IotEmulator iot) {
            assertNotSame(outer, iot);
            assertEquals("ap-southeast-2", iot.endpoints().region());
            assertTrue(TestKit.listening(outer.endpoints()), "the enclosing class's emulator keeps running");
        }

        @Nested
        class WithinIt {

            @Test
            void shares_the_nearest_annotated_class_s_emulator(IotEmulator iot) {
                assertEquals("ap-southeast-2", iot.endpoints().region());
            }
        }
    }
}
