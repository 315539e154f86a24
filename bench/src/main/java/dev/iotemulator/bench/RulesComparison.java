package dev.iotemulator.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What topic rules cost: two emulators side by side, one with {@value #RULES} rules whose FROM matches every
 * message, one without, taking turns on the same QoS 1 stream (10 publisher→subscriber pairs over WebSocket). Each
 * round measures the delivery throughput, and the emulator's CPU time from the first send until its rules engine has
 * finished every evaluation; the difference per message, divided by {@value #RULES}, is the cost of one rule
 * evaluation. The rules have no actions: this measures matching, WHERE and SELECT, not a target service.
 *
 * <p>Run with {@code bench/run.sh --rules} (scale with {@code BENCH_MESSAGES}, {@code BENCH_PROFILE=smoke}).
 */
public final class RulesComparison {

    static final int RULES = 10;
    private static final int PAIRS = 10;
    private static final int ROUNDS = 3;
    private static final Pattern EVALUATIONS = Pattern.compile("\"evaluations\":(\\d+)");
    private static final Pattern DROPPED = Pattern.compile("\"droppedEvaluations\":(\\d+)");

    private RulesComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        BenchConfig config = BenchConfig.fromEnvironment(System.getenv());
        Path logDir = Path.of(opts.getOrDefault("--log-dir", "/tmp/iot-bench-logs"));
        Files.createDirectories(logDir);
        Path jar = Path.of(opts.getOrDefault("--emulator-jar", "emulator/target/iot-emulator.jar"));
        List<String> javaOpts = Arrays.stream(System.getenv().getOrDefault("BENCH_EMULATOR_JAVA_OPTS", "").trim()
                .split("\\s+")).filter(s -> !s.isEmpty()).toList();
        Path off = RunningBroker.writeConfigWithoutPolicies(logDir.resolve("rules-off-config"));
        Path on = writeRules(RunningBroker.writeConfigWithoutPolicies(logDir.resolve("rules-on-config")));
        System.out.println("rules comparison: " + RULES + " rules matching every message, QoS 1, " + PAIRS
                + " pairs, " + config.messages() + " messages per round, " + ROUNDS + " rounds; machine "
                + MachineInfo.describe());
        EventLoopGroup group = new NioEventLoopGroup(Runtime.getRuntime().availableProcessors());
        try (RunningBroker without = RunningBroker.emulator("emulator-rules-off", jar, javaOpts, logDir, off);
                RunningBroker with = RunningBroker.emulator("emulator-rules-on", jar, javaOpts, logDir, on)) {
            List<RunningBroker> both = List.of(without, with);
            Map<String, List<double[]>> rounds = new LinkedHashMap<>();
            for (RunningBroker b : both) {
                rounds.put(b.broker.name(), new ArrayList<>());
                MessageScenarios m = new MessageScenarios(group, config, "r" + b.broker.pid(), b.broker.pid());
                m.warmUp(b.broker.webSocket(), b.broker.tcp());
                awaitRulesIdle(b);
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (int k = 0; k < both.size(); k++) {
                    RunningBroker b = both.get((r + k) % both.size());
                    rounds.get(b.broker.name()).add(round(group, config, b, r));
                }
            }
            report(rounds.get(without.broker.name()), rounds.get(with.broker.name()), dropped(with));
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
        System.out.println("load average at end: " + MachineInfo.loadAverage());
    }

    /** Ten rules, each a WHERE and a SELECT with functions, all matching the benchmark's topics. */
    private static Path writeRules(Path config) throws IOException {
        Path rules = Files.createDirectories(config.resolve("rules"));
        for (int i = 0; i < RULES; i++) {
            Files.writeString(rules.resolve("bench_rule_" + i + ".json"), "{\"sql\": \"SELECT topic(3) AS scenario, "
                    + "timestamp() AS ts, clientid() AS client, encode(*, 'base64') AS data FROM 'bench/#' WHERE "
                    + "topic(4) <> 'none-" + i + "'\", \"awsIotSqlVersion\": \"2016-03-23\", \"actions\": []}");
        }
        return config;
    }

    /** One measured round: {throughput msg/s, messages, CPU µs per message}. */
    private static double[] round(EventLoopGroup group, BenchConfig config, RunningBroker b, int round)
            throws Exception {
        MessageScenarios m = new MessageScenarios(group, config, "r" + round + b.broker.pid(), b.broker.pid());
        long messages = (long) Math.max(1, config.messages() / PAIRS) * PAIRS;
        BrokerCpu cpu = BrokerCpu.start(b.broker.pid());
        List<Result> results = m.pointToPoint(b.broker.webSocket(), PAIRS, MqttQoS.AT_LEAST_ONCE);
        awaitRulesIdle(b);
        Result perMessage = cpu.per("cpu", "µs/msg", messages);
        double throughput = results.get(0).value();
        System.out.printf("  [%s] round %d: %s msg/s, %s µs CPU per message (rules included), %s; load %s%n",
                b.broker.name(), round + 1, Format.number(throughput), perMessage.display(), results.get(2).display(),
                MachineInfo.loadAverage());
        return new double[] {throughput, messages, perMessage.value()};
    }

    private static void report(List<double[]> off, List<double[]> on, long dropped) {
        double offRate = median(off, 0);
        double onRate = median(on, 0);
        double offCpu = median(off, 2);
        double onCpu = median(on, 2);
        double perEvaluation = (onCpu - offCpu) / RULES;
        System.out.println();
        System.out.printf("%-44s %14s %14s%n", "QoS 1 stream, 10 pairs (median of " + ROUNDS + ")", "rules off",
                "10 rules on");
        System.out.printf("%-44s %14s %14s%n", "throughput, msg/s", Format.number(offRate), Format.number(onRate));
        System.out.printf("%-44s %14s %14s%n", "emulator CPU per message, µs", Format.number(offCpu),
                Format.number(onCpu));
        System.out.printf("throughput with rules / without: %.2f%n", onRate / offRate);
        System.out.printf("cost per rule evaluation: %s µs of CPU ((%s - %s) / %d); evaluations dropped: %d%n",
                Format.number(perEvaluation), Format.number(onCpu), Format.number(offCpu), RULES, dropped);
    }

    private static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** Waits until the emulator's rules engine has stopped evaluating (its count holds still for 200 ms). */
    private static void awaitRulesIdle(RunningBroker b) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = counter(b, EVALUATIONS);
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(200);
        }
    }

    private static long dropped(RunningBroker b) throws Exception {
        return counter(b, DROPPED);
    }

    private static long counter(RunningBroker b, Pattern which) throws Exception {
        Endpoint ws = b.broker.webSocket();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + ws.host() + ":" + ws.port() + "/__emulator/rules")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = which.matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
