package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.Endpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's AWS CLI v2 ({@code /usr/bin/aws}, apt package {@code awscli}; {@code .ci/run} installs it) against an
 * emulator, with its credentials and no user configuration: no profile, no instance metadata, no pager.
 */
final class AwsCli {

    static final Path AWS = Path.of("/usr/bin/aws");

    private AwsCli() {
    }

    /** The environment of an {@code aws} run against {@code endpoints}. */
    static Map<String, String> environment(Endpoints endpoints, Path home) {
        return Map.of("AWS_ACCESS_KEY_ID", endpoints.defaultCredentials().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", endpoints.defaultCredentials().secretAccessKey(),
                "AWS_DEFAULT_REGION", endpoints.region(),
                "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_PAGER", "",
                "AWS_CLI", AWS.toString(),
                "HOME", home.toString());
    }

    /** Runs {@code command} (an executable and its arguments) and returns its output; fails on a non-zero exit. */
    static String run(Endpoints endpoints, Path home, List<String> command) throws Exception {
        assertTrue(Files.isExecutable(AWS), "the AWS CLI v2 is not installed at " + AWS
                + "; apt-get install awscli (.ci/run does)");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment(endpoints, home));
        Process process = builder.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, command + " did not finish:\n" + output);
        assertEquals(0, process.exitValue(), command + " failed:\n" + output);
        return output;
    }

    /** {@code aws iot <arguments>} against the emulator's HTTP port. */
    static String iot(Endpoints endpoints, Path home, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "iot", "--endpoint-url",
                "http://127.0.0.1:" + endpoints.httpPort(), "--output", "text"));
        command.addAll(List.of(arguments));
        return run(endpoints, home, command);
    }
}
