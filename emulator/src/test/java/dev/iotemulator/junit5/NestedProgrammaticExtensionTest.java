package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.iotemulator.IotEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static extension field's emulator is shared with {@code @Nested} classes too. */
class NestedProgrammaticExtensionTest {

    @RegisterExtension
    static IotEmulatorExtension iot = IotEmulatorExtension.newInstance().build();

    static IotEmulator outer;

    @BeforeAll
    static void remember() {
        outer = iot.emulator();
    }

    @Nested
    class Inner {

        @Test
        void shares_the_enclosing_class_s_emulator(IotEmulator injected) {
            assertSame(outer, iot.emulator());
            assertSame(outer, injected);
        }
    }
}
