package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.iotemulator.Endpoints;
import org.junit.jupiter.api.Test;

/** Subclasses inherit {@code @IotEmulatorTest} and its settings from their base class. */
class InheritedAnnotationTest extends EuWestEmulatorTestBase {

    @Test
    void a_subclass_gets_the_base_class_s_emulator_settings(Endpoints endpoints) {
        assertEquals("eu-west-2", endpoints.region());
    }

    @Test
    void lifecycle_methods_of_the_base_class_see_the_same_emulator(Endpoints endpoints) {
        assertSame(fromBaseBeforeAll, endpoints);
    }
}
