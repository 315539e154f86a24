package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.Endpoints;
import dev.iotemulator.IotEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link IotEmulator} and {@link Endpoints} reach constructors, lifecycle methods and tests alike. */
@IotEmulatorTest(region = "eu-central-1", accountId = "123456789012")
class ParameterInjectionTest {

    static IotEmulator fromBeforeAll;
    final IotEmulator fromConstructor;
    final Endpoints endpointsFromConstructor;
    Endpoints fromBeforeEach;

    ParameterInjectionTest(IotEmulator iot, Endpoints endpoints) {
        this.fromConstructor = iot;
        this.endpointsFromConstructor = endpoints;
    }

    @BeforeAll
    static void beforeAll(IotEmulator iot) {
        fromBeforeAll = iot;
    }

    @BeforeEach
    void beforeEach(Endpoints endpoints) {
        fromBeforeEach = endpoints;
    }

    @Test
    void every_injection_point_sees_the_same_emulator(IotEmulator iot, Endpoints endpoints) {
        assertSame(fromBeforeAll, iot);
        assertSame(iot, fromConstructor);
        assertSame(iot.endpoints(), endpoints);
        assertSame(endpoints, endpointsFromConstructor);
        assertSame(endpoints, fromBeforeEach);
    }

    @Test
    void the_annotation_sets_region_and_account(Endpoints endpoints) {
        assertEquals("eu-central-1", endpoints.region());
        assertEquals("123456789012", endpoints.accountId());
        assertTrue(endpoints.presignedWebSocketUri().getQuery().contains("/eu-central-1/iotdevicegateway/"),
                endpoints.presignedWebSocketUri().toString());
    }

    @AfterEach
    void afterEach(IotEmulator iot) {
        assertTrue(TestKit.listening(iot.endpoints()), "still running after each test");
    }

    @AfterAll
    static void afterAll(Endpoints endpoints) {
        assertTrue(TestKit.listening(endpoints), "still running in @AfterAll; JUnit closes it afterwards");
    }
}
