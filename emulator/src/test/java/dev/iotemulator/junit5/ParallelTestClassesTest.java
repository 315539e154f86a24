package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.Endpoints;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Annotated test classes run in parallel each get their own emulator on their own ports. */
class ParallelTestClassesTest {

    static final Map<Class<?>, Endpoints> seen = new ConcurrentHashMap<>();
    static final CyclicBarrier allRunning = new CyclicBarrier(3);

    @Test
    void test_classes_running_at_the_same_time_get_separate_emulators_and_ports() {
        EngineExecutionResults results = TestKit.run(TestKit.PARALLEL, First.class, Second.class, Third.class);

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        List<Endpoints> endpoints = List.copyOf(seen.values());
        assertEquals(3, endpoints.size());
        assertEquals(3, endpoints.stream().map(Endpoints::httpPort).collect(Collectors.toSet()).size(),
                endpoints.toString());
        assertEquals(3, endpoints.stream().map(Endpoints::mqttPort).collect(Collectors.toSet()).size(),
                endpoints.toString());
        endpoints.forEach(e -> assertTrue(TestKit.closed(e), e + " closed after its class"));
    }

    /** Records the class's endpoints, then waits until all three classes are running at once. */
    static void meet(Class<?> testClass, Endpoints endpoints) throws Exception {
        seen.put(testClass, endpoints);
        allRunning.await(30, TimeUnit.SECONDS);
        assertTrue(TestKit.listening(endpoints));
    }

    @IotEmulatorTest
    @EnabledIf(TestKit.LAUNCHED)
    static class First {
        @Test
        void meets_the_others(Endpoints endpoints) throws Exception {
            meet(First.class, endpoints);
        }
    }

    @IotEmulatorTest
    @EnabledIf(TestKit.LAUNCHED)
    static class Second {
        @Test
        void meets_the_others(Endpoints endpoints) throws Exception {
            meet(Second.class, endpoints);
        }
    }

    @IotEmulatorTest
    @EnabledIf(TestKit.LAUNCHED)
    static class Third {
        @Test
        void meets_the_others(Endpoints endpoints) throws Exception {
            meet(Third.class, endpoints);
        }
    }
}
