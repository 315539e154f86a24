package dev.iotemulator.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.testing.ProcSockets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real local AWS servers the rule actions are tested against, installed from npm by the build: dynalite
 * (DynamoDB) and kinesalite (Kinesis) in one Node process, and a Lambda function under serverless-offline in another.
 * Every server listens on a free loopback port; both processes end with {@link #close()}.
 */
final class LocalAwsServers implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The function's name under serverless-offline: service-stage-function. */
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:iot-rules-dev-enrich";

    private final Process servers;
    private final Process lambda;
    final URI dynamoDb;
    final URI kinesis;
    final URI lambdaEndpoint;
    /** Where the function writes each event it gets, one JSON line each. */
    final Path lambdaEvents;

    private LocalAwsServers(Process servers, Process lambda, URI dynamoDb, URI kinesis, URI lambdaEndpoint,
            Path lambdaEvents) {
        this.servers = servers;
        this.lambda = lambda;
        this.dynamoDb = dynamoDb;
        this.kinesis = kinesis;
        this.lambdaEndpoint = lambdaEndpoint;
        this.lambdaEvents = lambdaEvents;
    }

    static LocalAwsServers start(Path lambdaEvents) throws Exception {
        Path js = Path.of(System.getProperty("iotemulator.jsTestDir", "src/test/js")).toAbsolutePath();
        Process servers = new ProcessBuilder("node", "local-aws-servers.mjs").directory(js.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Process lambda = null;
        try {
            String line = firstLine(servers, "local-aws-servers.mjs", 30);
            JsonNode ports = JSON.readTree(line);
            ProcessBuilder sls = new ProcessBuilder("node", js.resolve("node_modules/serverless/bin/serverless.js")
                    .toString(), "offline", "start", "--lambdaPort", "0", "--httpPort", "0", "--host", "127.0.0.1")
                    .directory(js.resolve("lambda").toFile()).redirectErrorStream(true);
            Map<String, String> env = sls.environment();
            env.put("RULES_LAMBDA_OUT", lambdaEvents.toString());
            env.put("SLS_TELEMETRY_DISABLED", "1");
            env.put("SLS_NOTIFICATIONS_MODE", "off");
            env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
            env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            lambda = sls.start();
            awaitLine(lambda, "Function names exposed", 60);
            int lambdaPort = listeningPort(lambda);
            return new LocalAwsServers(servers, lambda, local(ports.get("dynamodb").asInt()),
                    local(ports.get("kinesis").asInt()), local(lambdaPort), lambdaEvents);
        } catch (Exception | AssertionError e) {
            servers.destroyForcibly();
            if (lambda != null) {
                lambda.destroyForcibly();
            }
            throw e;
        }
    }

    private static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The first line the process prints, within {@code seconds}. */
    private static String firstLine(Process p, String what, int seconds) throws Exception {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1);
        Thread reader = new Thread(() -> {
            try {
                String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                lines.add(line == null ? "" : line);
            } catch (IOException e) {
                lines.add("");
            }
        }, "read-" + what);
        reader.setDaemon(true);
        reader.start();
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (line == null || line.isEmpty()) {
            throw new AssertionError(what + " printed nothing within " + seconds + " s (alive: " + p.isAlive() + ")");
        }
        return line;
    }

    /** Reads the process's output until a line contains {@code marker}; the rest is drained in the background. */
    private static void awaitLine(Process p, String marker, int seconds) throws Exception {
        BlockingQueue<String> seen = new ArrayBlockingQueue<>(1);
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains(marker)) {
                        seen.offer(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            seen.offer("");
        }, "serverless-offline-log");
        reader.setDaemon(true);
        reader.start();
        String line = seen.poll(seconds, TimeUnit.SECONDS);
        if (line == null || line.isEmpty()) {
            synchronized (log) {
                throw new AssertionError("serverless-offline did not get ready within " + seconds + " s:\n" + log);
            }
        }
    }

    /** The one TCP port the process listens on, from the kernel's tables. */
    private static int listeningPort(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<ProcSockets.Socket> listening = ProcSockets.of(p.pid()).stream()
                    .filter(ProcSockets.Socket::listening).toList();
            if (!listening.isEmpty()) {
                return listening.get(0).localPort();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serverless-offline (pid " + p.pid() + ") listens on no port");
    }

    @Override
    public void close() {
        servers.destroy();
        lambda.destroy();
    }
}
