package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.iotemulator.Endpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Runs deliberately failing test classes through the EngineTestKit and checks that JUnit closed their emulators:
 * neither port accepts connections afterwards.
 */
class FailingTestsStillCloseTheEmulatorTest {

    @Test
    void a_failing_test_in_an_annotated_class_still_closes_the_class_s_emulator() {
        EngineExecutionResults results = TestKit.run(AnnotatedClassWithAFailure.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertNotNull(AnnotatedClassWithAFailure.endpoints, "the failing test ran");
        assertTrue(TestKit.closed(AnnotatedClassWithAFailure.endpoints));
    }

    @Test
    void a_failing_test_with_an_instance_field_extension_still_closes_that_test_s_emulator() {
        EngineExecutionResults results = TestKit.run(InstanceFieldWithAFailure.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertNotNull(InstanceFieldWithAFailure.endpoints, "the failing test ran");
        assertTrue(TestKit.closed(InstanceFieldWithAFailure.endpoints));
    }

    @Test
    void a_failing_before_all_method_still_closes_the_emulator() {
        EngineExecutionResults results = TestKit.run(ClassWithFailingBeforeAll.class);

        results.containerEvents().assertStatistics(stats -> stats.failed(1));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertNotNull(ClassWithFailingBeforeAll.endpoints, "@BeforeAll ran");
        assertTrue(TestKit.closed(ClassWithFailingBeforeAll.endpoints));
    }

    @IotEmulatorTest
    @EnabledIf(TestKit.LAUNCHED)
    static class AnnotatedClassWithAFailure {
        static volatile Endpoints endpoints;

        @Test
        void fails(Endpoints injected) {
            endpoints = injected;
            fail("deliberately");
        }
    }

    @EnabledIf(TestKit.LAUNCHED)
    static class InstanceFieldWithAFailure {
        static volatile Endpoints endpoints;

        @RegisterExtension
        IotEmulatorExtension iot = IotEmulatorExtension.newInstance().build();

        @Test
        void fails() {
            endpoints = iot.endpoints();
            throw new IllegalStateException("deliberately");
        }
    }

    @IotEmulatorTest
    @EnabledIf(TestKit.LAUNCHED)
    static class ClassWithFailingBeforeAll {
        static volatile Endpoints endpoints;

        @BeforeAll
        static void fails(Endpoints injected) {
            endpoints = injected;
            fail("deliberately");
        }

        @Test
        void never_runs() {
        }
    }
}
