package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile's own commands, run here as the image runs them (there is no container engine in the build): the
 * {@code HEALTHCHECK} asks the health route without starting a JVM, and the {@code ENTRYPOINT} passes
 * {@code JAVA_OPTS} and the class-data-sharing archive that {@code scripts/cds-archive.sh} makes at image build.
 */
class DockerfileCommandsIT {

    private static final Path DOCKERFILE = Path.of("..", "Dockerfile");
    private static final String INSTALL_DIR = "/opt/iot-emulator/";

    @Test
    void the_health_check_asks_the_health_route_with_bash_alone() throws Exception {
        List<String> command = execForm("HEALTHCHECK");
        assertFalse(String.join(" ", command).contains("java"), "the health check starts a JVM: " + command);
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build())) {
            assertEquals(0, run(command, Map.of("IOT_EMULATOR_HTTP_PORT",
                    Integer.toString(iot.endpoints().httpPort()))).exitCode());
        }
        try (ServerSocket unused = new ServerSocket(0)) {
            String closed = Integer.toString(unused.getLocalPort());
            unused.close();
            assertNotEquals(0, run(command, Map.of("IOT_EMULATOR_HTTP_PORT", closed)).exitCode());
        }
    }

    @Test
    void the_entrypoint_passes_java_opts_and_maps_the_cds_archive_made_at_build_time(@TempDir Path install)
            throws Exception {
        Files.copy(EmulatorJar.path(), install.resolve("iot-emulator.jar"));
        Result archive = run(List.of("sh", Path.of("..", "scripts", "cds-archive.sh").toString(),
                install.resolve("iot-emulator.jar").toString(), install.resolve("iot-emulator.jsa").toString()),
                Map.of());
        assertEquals(0, archive.exitCode(), archive.output());

        List<String> entrypoint = new ArrayList<>();
        for (String part : execForm("ENTRYPOINT")) {
            entrypoint.add(part.replace(INSTALL_DIR, install.toString() + "/"));
        }
        entrypoint.add("--version");
        // -Xshare:on fails the start unless the archive maps; 77 MB shows up as MaxHeapSize only if JAVA_OPTS is used.
        Result started = run(entrypoint, Map.of("JAVA_OPTS", "-Xshare:on -Xmx77m -XX:+PrintCommandLineFlags"));
        assertEquals(0, started.exitCode(), started.output());
        assertTrue(started.output().contains("-XX:MaxHeapSize=" + 77L * 1024 * 1024), started.output());
        assertTrue(started.output().contains("iot-emulator " + IotEmulator.version()), started.output());
    }

    /** The JSON exec form ({@code ["a", "b"]}) of the Dockerfile instruction, continuation lines joined. */
    private static List<String> execForm(String instruction) throws IOException {
        String dockerfile = Files.readString(DOCKERFILE).replace("\\\n", " ");
        Matcher line = Pattern.compile("(?m)^" + instruction + "\\b.*?(\\[.*\\])\\s*$").matcher(dockerfile);
        assertTrue(line.find(), "no " + instruction + " in exec form in " + DOCKERFILE);
        return List.of(new ObjectMapper().readValue(line.group(1), String[].class));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not finish: " + command);
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
