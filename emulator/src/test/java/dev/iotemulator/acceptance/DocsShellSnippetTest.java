package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell snippet of the README and the docs either runs here, as written, against a running emulator (only
 * its port is changed from 8080), or is listed below with the reason it cannot run offline in a test. A new snippet
 * is run until someone decides otherwise, so the docs' commands cannot drift from the emulator again.
 */
@IotEmulatorTest
class DocsShellSnippetTest {

    /** Snippets that cannot run here, by their first line's beginning, with why. */
    private static final Map<String, String> NOT_RUN = Map.ofEntries(
            Map.entry("mvn ", "builds the project (what this build itself does)"),
            Map.entry("JAZZER_FUZZ=", "a fuzzing campaign of 30 minutes (HttpWireFuzzTest runs its corpus)"),
            Map.entry("java -jar ", "starts an emulator that runs until stopped"),
            Map.entry("npx ", "fetches and starts other servers (the rules actions' tests use their own)"),
            Map.entry("scripts/aws-cli-setup-device.sh", "AwsCliSetupScriptTest runs it against the emulator"),
            Map.entry("docker ", "needs a container engine (DockerfileCommandsIT runs the image's own commands)"),
            Map.entry("apt-get ", "installs packages"),
            Map.entry("python3 -m http.server", "serves files until stopped"),
            Map.entry("export IOT_ENDPOINT=127.0.0.1",
                    "runs the client sample (PubSubSampleTest runs it against the emulator)"),
            Map.entry("IOT_THING_NAME=",
                    "runs the shadow sample (ShadowSampleTest runs it against the emulator)"),
            Map.entry("unset IOT_SCHEME", "needs an AWS account"),
            Map.entry("mosquitto_sub ", "needs mosquitto-clients, which the test suite does not install (MQTT 5 with "
                    + "user properties is run by HiveMqMqtt5Test, MqttJs5Test and DeviceSdkMqtt5Test)"));

    private static final Pattern SH_BLOCK = Pattern.compile("```(?:sh|bash)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLI_PUBLISH = Pattern.compile("aws iot-data publish.*?--topic (\\S+)",
            Pattern.DOTALL);
    private static final Path ROOT = Path.of("..");

    @Test
    void every_offline_shell_snippet_of_the_readme_and_the_docs_runs_as_written(IotEmulator iot, @TempDir Path home)
            throws Exception {
        List<String> failures = new ArrayList<>();
        int ran = 0;
        String file = "";
        StringBuilder exported = new StringBuilder();
        for (Snippet snippet : snippets()) {
            if (!snippet.file().equals(file)) {
                file = snippet.file();
                exported.setLength(0);
            }
            if (NOT_RUN.keySet().stream().anyMatch(snippet.text()::startsWith)) {
                continue;
            }
            ran++;
            // A reader runs a page's commands in one terminal: what an earlier snippet exported still holds.
            String script = exported + snippet.text();
            snippet.text().lines().filter(line -> line.startsWith("export ")).forEach(
                    line -> exported.append(line).append('\n'));
            // Some snippets act on a connected device-1 (disconnect it, publish to its commands).
            try (MqttClient device = new MqttClient(iot.endpoints().mqttUri().orElseThrow().toString(), "device-1",
                    new MemoryPersistence())) {
                device.connect();
                Result result = run(script, iot.endpoints().httpPort(), home);
                if (result.exitCode() != 0) {
                    failures.add(snippet.file() + ":\n" + snippet.text() + "\nexit " + result.exitCode() + ":\n"
                            + result.output());
                }
                // A data-plane publish must have reached the emulator's pipeline, not just exited with 0.
                Matcher published = CLI_PUBLISH.matcher(snippet.text());
                while (published.find()) {
                    iot.awaitMessage(published.group(1), Duration.ofSeconds(10));
                }
                if (device.isConnected()) {
                    device.disconnect();
                }
            }
        }
        assertTrue(ran >= 6, "only " + ran + " snippets ran: did the docs lose their examples?");
        assertEquals(List.of(), failures, "these documented commands fail against the emulator");
    }

    private static Result run(String snippet, int port, Path home) throws IOException, InterruptedException {
        String script = "set -eo pipefail\n"
                // curl's exit code says nothing of the HTTP status without --fail.
                + "curl() { command curl --fail --silent --show-error \"$@\"; }\n"
                + "aws() { \"" + awsCli() + "\" \"$@\"; }\n"
                + snippet.replace("127.0.0.1:8080", "127.0.0.1:" + port).replace("localhost:8080", "localhost:" + port);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        // No user configuration, no instance metadata lookups: the emulator is the only thing the CLI may call.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("AWS_PAGER", "");
        Process process = builder.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
            return new Result(-1, output + "\n(timed out)");
        }
        return new Result(process.exitValue(), output);
    }

    private static List<Snippet> snippets() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("client-sample/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : files) {
            Matcher block = SH_BLOCK.matcher(Files.readString(file));
            while (block.find()) {
                snippets.add(new Snippet(ROOT.relativize(file).toString(), block.group(1)));
            }
        }
        assertFalse(snippets.isEmpty(), "no shell snippets found under " + ROOT.toAbsolutePath());
        return snippets;
    }

    /** Debian's AWS CLI v2, which the control-plane tests use too; the docs' --cli-binary-format is v2's. */
    private static Path awsCli() throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(AwsCli.AWS), "the AWS CLI v2 is not installed at " + AwsCli.AWS
                + "; apt-get install awscli (scripts/test-prerequisites.sh does as root)");
        Process version = new ProcessBuilder(AwsCli.AWS.toString(), "--version").redirectErrorStream(true).start();
        version.waitFor(60, TimeUnit.SECONDS);
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("aws-cli/2."), AwsCli.AWS + " is not the AWS CLI v2: " + text.strip());
        return AwsCli.AWS;
    }

    private record Snippet(String file, String text) {
    }

    private record Result(int exitCode, String output) {
    }
}
