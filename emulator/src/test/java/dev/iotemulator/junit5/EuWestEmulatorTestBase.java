package dev.iotemulator.junit5;

import dev.iotemulator.Endpoints;
import org.junit.jupiter.api.BeforeAll;

/** A base class carrying the annotation, for {@link InheritedAnnotationTest}. */
@IotEmulatorTest(region = "eu-west-2")
abstract class EuWestEmulatorTestBase {

    static Endpoints fromBaseBeforeAll;

    @BeforeAll
    static void rememberInBase(Endpoints endpoints) {
        fromBaseBeforeAll = endpoints;
    }
}
