package dev.iotemulator.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.iotemulator.Endpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs test classes that exist only to be run by another test (deliberate failures, parallel runs) through the
 * JUnit Platform's EngineTestKit. Such classes are static nested classes, which Surefire skips ({@code **}{@code /*$*}),
 * and carry {@code @EnabledIf(TestKit.LAUNCHED)} so an IDE running the whole package skips them too.
 */
final class TestKit {

    /** For {@code @EnabledIf}: true only inside {@link #run}. */
    static final String LAUNCHED = "dev.iotemulator.junit5.TestKit#launched";

    private static final String PARAMETER = "iotemulator.junit5.launchedByTestKit";

    /** Lets every class and method run concurrently on four threads. */
    static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    private TestKit() {
    }

    static boolean launched(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).isPresent();
    }

    static EngineExecutionResults run(Map<String, String> configuration, Class<?>... testClasses) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(Arrays.stream(testClasses).map(c -> selectClass(c)).toArray(
                        org.junit.platform.engine.DiscoverySelector[]::new))
                .configurationParameters(configuration)
                .configurationParameter(PARAMETER, "true")
                .execute();
    }

    static EngineExecutionResults run(Class<?>... testClasses) {
        return run(Map.of(), testClasses);
    }

    /** Whether something accepts TCP connections on the port right now. */
    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether both the HTTP/WebSocket and the MQTT/TCP listener accept connections. */
    static boolean listening(Endpoints endpoints) {
        return accepts(endpoints.host(), endpoints.httpPort()) && accepts(endpoints.host(), endpoints.mqttPort());
    }

    /** Whether neither listener accepts connections. */
    static boolean closed(Endpoints endpoints) {
        return !accepts(endpoints.host(), endpoints.httpPort()) && !accepts(endpoints.host(), endpoints.mqttPort());
    }
}
