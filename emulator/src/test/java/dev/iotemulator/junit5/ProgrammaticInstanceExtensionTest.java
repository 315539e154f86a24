package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.Endpoints;
import dev.iotemulator.IotEmulator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** An instance {@code @RegisterExtension} field: a fresh emulator for every test, closed after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgrammaticInstanceExtensionTest {

    @RegisterExtension
    IotEmulatorExtension iot = IotEmulatorExtension.newInstance().build();

    static IotEmulator firstTestsEmulator;
    IotEmulator fromBeforeEach;

    @BeforeEach
    void beforeEach(IotEmulator injected) {
        fromBeforeEach = injected;
    }

    @Test
    @Order(1)
    void the_first_test_gets_an_emulator() {
        firstTestsEmulator = iot.emulator();
        assertSame(fromBeforeEach, iot.emulator());
        assertTrue(TestKit.listening(iot.endpoints()));
    }

    @Test
    @Order(2)
    void the_next_test_gets_another_one_and_the_first_is_closed(IotEmulator injected) {
        assertNotNull(firstTestsEmulator, "runs after the_first_test_gets_an_emulator");
        assertSame(iot.emulator(), injected);
        assertNotSame(firstTestsEmulator, injected);
        assertTrue(TestKit.closed(firstTestsEmulator.endpoints()), "the first test's emulator is closed");
        assertTrue(TestKit.listening(injected.endpoints()));
    }

    @Test
    void emulator_before_the_extension_started_one_explains_how_to_register_it() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> IotEmulatorExtension.newInstance().build().emulator());
        assertTrue(e.getMessage().contains("@RegisterExtension"), e.getMessage());
    }

    @Test
    void tests_running_at_the_same_time_each_get_their_own_ports() {
        EngineExecutionResults results = TestKit.run(TestKit.PARALLEL, ConcurrentTests.class);

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        List<Endpoints> endpoints = List.copyOf(ConcurrentTests.seen.values());
        assertEquals(3, endpoints.size());
        assertEquals(3, ports(endpoints, Endpoints::httpPort).size(), endpoints.toString());
        assertEquals(3, ports(endpoints, Endpoints::mqttPort).size(), endpoints.toString());
        endpoints.forEach(e -> assertTrue(TestKit.closed(e), e + " closed after its test"));
    }

    private static Set<Integer> ports(List<Endpoints> endpoints, java.util.function.ToIntFunction<Endpoints> port) {
        return endpoints.stream().map(port::applyAsInt).collect(Collectors.toSet());
    }

    /** Three tests that wait for each other, so their three emulators are up at the same time. */
    @EnabledIf(TestKit.LAUNCHED)
    static class ConcurrentTests {
        static final Map<String, Endpoints> seen = new ConcurrentHashMap<>();
        static final CyclicBarrier allRunning = new CyclicBarrier(3);

        @RegisterExtension
        IotEmulatorExtension iot = IotEmulatorExtension.newInstance().build();

        @Test
        void one() throws Exception {
            meet("one");
        }

        @Test
        void two() throws Exception {
            meet("two");
        }

        @Test
        void three() throws Exception {
            meet("three");
        }

        private void meet(String name) throws Exception {
            seen.put(name, iot.endpoints());
            allRunning.await(30, TimeUnit.SECONDS);
            assertTrue(TestKit.listening(iot.endpoints()));
        }
    }
}
