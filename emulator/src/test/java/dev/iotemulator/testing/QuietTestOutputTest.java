package dev.iotemulator.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.slf4j.LoggerFactory;

/** A passing test's output (its log lines, from any thread) is dropped; a failing test's is shown under its name. */
class QuietTestOutputTest {

    @Test
    void a_failing_test_shows_its_output_and_a_passing_test_shows_none() {
        System.setProperty(Inner.RUN, "true");
        try {
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(Inner.class))
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .execute().testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        } finally {
            System.clearProperty(Inner.RUN);
        }
        String shown = CapturedOutput.ofCurrentScope();
        assertTrue(shown.contains("---- output of " + Inner.class.getName() + " > fails() (the test failed) ----"),
                shown);
        assertTrue(shown.contains("printed by the failing test"), shown);
        assertTrue(shown.contains("logged by the failing test's other thread"), shown);
        assertFalse(shown.contains("passing test"), shown);
    }

    /** Run only by the test above, through the EngineTestKit; Surefire skips nested classes. */
    @EnabledIfSystemProperty(named = Inner.RUN, matches = "true")
    static class Inner {
        static final String RUN = "iotemulator.quietTestOutputTest.inner";

        @Test
        void passes() throws InterruptedException {
            System.err.println("printed by the passing test");
            logFromAnotherThread("logged by the passing test's other thread");
        }

        @Test
        void fails() throws InterruptedException {
            System.out.println("printed by the failing test");
            logFromAnotherThread("logged by the failing test's other thread");
            fail("deliberately");
        }

        private static void logFromAnotherThread(String message) throws InterruptedException {
            Thread thread = new Thread(() -> LoggerFactory.getLogger(Inner.class).warn(message));
            thread.start();
            thread.join();
        }
    }
}
