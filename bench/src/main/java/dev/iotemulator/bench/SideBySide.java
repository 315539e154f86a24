package dev.iotemulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs the same scenarios against the emulator, against bare Moquette (the broker the emulator embeds, alone: what the
 * emulator adds to its core) and against Mosquitto, one broker at a time, all on loopback, then prints one table and
 * writes the results with the machine description. After the emulator, a subset of the scenarios runs against two more
 * emulators, one with IoT policies on and one with them off, side by side and taking turns, for a second table: what
 * policies cost. Started by {@code bench/run.sh}.
 *
 * <pre>
 * java -jar bench/target/iot-bench.jar --emulator-jar emulator/target/iot-emulator.jar \
 *     --mosquitto /usr/sbin/mosquitto --out bench/results/run.json --log-dir /tmp/bench-logs
 * </pre>
 */
public final class SideBySide {

    /** A scenario that may fail or be skipped without stopping the others. */
    private interface Step {
        List<Result> run() throws Exception;
    }

    static final String EMULATOR = "emulator";
    static final String POLICIES_ON = "emulator-policies-on";
    static final String POLICIES_OFF = "emulator-policies-off";
    private static final List<String> SUBSET_RUNS = List.of(POLICIES_ON, POLICIES_OFF);
    static final String MOQUETTE = "moquette";
    static final String MOSQUITTO = "mosquitto";
    private static final List<String> ALL_BROKERS = List.of(EMULATOR, POLICIES_ON, POLICIES_OFF, MOQUETTE, MOSQUITTO);

    /** Printed under the main table: what the columns are, and where they do not get the same traffic. */
    private static final String MAIN_TABLE_NOTE = "moquette: bare Moquette 0.17 in its own JVM, anonymous, with the "
            + "emulator's broker settings. Its ws+sigv4 rows\nuse plain ws://127.0.0.1:<port>/mqtt (Moquette 0.17 drops "
            + "any query string), so nothing is signed or verified there;\nmosquitto ignores the signature. CPU rows: "
            + "the broker process's utime+stime from /proc over the measured interval,\nper unique delivery or per "
            + "connect (JVMs: JIT compiler threads included, their share shown). Latency ratios compare p99.";

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        BenchConfig config = BenchConfig.fromEnvironment(System.getenv());
        Path out = Path.of(opts.getOrDefault("--out", "bench/results/latest.json"));
        Path logDir = Path.of(opts.getOrDefault("--log-dir", "/tmp/iot-bench-logs"));
        Files.createDirectories(logDir);
        List<String> only = Arrays.stream(opts.getOrDefault("--only", String.join(",", ALL_BROKERS)).split(","))
                .map(String::trim).distinct().toList();
        List<String> emulatorJavaOpts = Arrays.stream(System.getenv().getOrDefault("BENCH_EMULATOR_JAVA_OPTS", "")
                .trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        Map<String, Object> machine = MachineInfo.describe();
        Instant startedAt = Instant.now();
        long capDeadline = System.nanoTime() + config.timeCap().toNanos();
        System.out.println("benchmark profile=" + config.profile() + " " + config + "\nmachine " + machine);

        // The brokers run one after the other, in the order --only names them, except the two emulators of the IoT
        // policies comparison: they run side by side (the one not being measured is idle) and take turns scenario by
        // scenario, who goes first alternating, so neither gains from going second (a warmer load generator, a machine
        // that has calmed down). By default they come between the emulator's full run and bare Moquette's.
        List<String> brokers = new ArrayList<>(only);
        for (String name : brokers) {
            if (!ALL_BROKERS.contains(name)) {
                throw new IllegalArgumentException("--only takes " + String.join(", ", ALL_BROKERS) + "; got '"
                        + name + "'");
            }
        }
        brokers.removeIf(name -> SUBSET_RUNS.contains(name) && config.policyScenarios().isEmpty());
        List<List<String>> stages = new ArrayList<>();
        for (String name : brokers) {
            List<String> pair = brokers.stream().filter(SUBSET_RUNS::contains).toList();
            if (!SUBSET_RUNS.contains(name)) {
                stages.add(List.of(name));
            } else if (name.equals(pair.get(0))) {
                stages.add(pair);
            }
        }
        Path emulatorJar = Path.of(opts.getOrDefault("--emulator-jar", "emulator/target/iot-emulator.jar"));
        Map<String, List<Result>> results = new LinkedHashMap<>();
        EventLoopGroup group = new NioEventLoopGroup(Runtime.getRuntime().availableProcessors());
        try {
            String runId = "b" + Long.toString(System.currentTimeMillis() % 100_000_000, 36);
            for (int i = 0; i < stages.size(); i++) {
                List<String> stage = stages.get(i);
                // Each stage gets an equal share of what is left of the time cap (the policy comparison runs a
                // subset, but against two brokers).
                long now = System.nanoTime();
                long deadline = now + (capDeadline - now) / (stages.size() - i);
                if (stage.equals(List.of(MOSQUITTO))) {
                    try (RunningBroker mosquitto = RunningBroker.mosquitto(
                            opts.getOrDefault("--mosquitto", "/usr/sbin/mosquitto"), logDir)) {
                        results.putAll(runTogether(group, config, runId + i, List.of(mosquitto), deadline,
                                config::runs));
                    }
                } else if (stage.equals(List.of(MOQUETTE))) {
                    try (RunningBroker moquette = RunningBroker.moquette(MOQUETTE, emulatorJavaOpts, logDir)) {
                        results.putAll(runTogether(group, config, runId + i, List.of(moquette), deadline,
                                config::runs));
                    }
                } else if (stage.equals(List.of(EMULATOR))) {
                    try (RunningBroker emulator = startEmulator(EMULATOR, emulatorJar, emulatorJavaOpts, logDir)) {
                        results.putAll(runTogether(group, config, runId + i, List.of(emulator), deadline,
                                config::runs));
                    }
                } else {
                    List<RunningBroker> started = new ArrayList<>();
                    try {
                        for (String name : stage) {
                            started.add(startEmulator(name, emulatorJar, emulatorJavaOpts, logDir));
                        }
                        results.putAll(runTogether(group, config, runId + i, started, deadline,
                                config::runsInPolicyComparison));
                    } finally {
                        started.forEach(RunningBroker::close);
                    }
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }

        List<ResultTable.Row> rows = ResultTable.pair(results.getOrDefault(EMULATOR, List.of()),
                results.getOrDefault(POLICIES_ON, List.of()), results.getOrDefault(POLICIES_OFF, List.of()),
                results.getOrDefault(MOQUETTE, List.of()), results.getOrDefault(MOSQUITTO, List.of()));
        String loadAtEnd = MachineInfo.loadAverage();
        System.out.println();
        String main = ResultTable.render(rows);
        System.out.print(main);
        if (!main.isEmpty()) {
            System.out.println(MAIN_TABLE_NOTE);
        }
        String policies = ResultTable.renderPolicies(rows);
        if (!policies.isEmpty()) {
            System.out.println();
            System.out.println("IoT policies on (the default configuration: AllowEverything attached to the default "
                    + "key) and off (a credentials.json\nwith the same key and no policies field): two emulators "
                    + "side by side, taking turns scenario by scenario; SigV4 is verified in both.\nLatency rows "
                    + "compare p99; on / off below 1 on a rate, or above 1 on a latency, is what policies cost.");
            System.out.print(policies);
        }
        System.out.println("load average at start: " + machine.get("loadAverageAtStart") + "; at end: " + loadAtEnd
                + " (" + machine.get("cpus") + " CPUs; anything near or above that means the figures are noisy)");
        writeJson(out, config, machine, startedAt, loadAtEnd, rows);
        System.out.println("results written to " + out);
    }

    /** The emulator with its embedded configuration, or for {@link #POLICIES_OFF} one without IoT policies. */
    private static RunningBroker startEmulator(String name, Path jar, List<String> javaOptions, Path logDir)
            throws java.io.IOException {
        boolean policiesOff = name.equals(POLICIES_OFF);
        Path configDir = policiesOff
                ? RunningBroker.writeConfigWithoutPolicies(logDir.resolve("policies-off-config")) : null;
        RunningBroker emulator = RunningBroker.emulator(name, jar, javaOptions, logDir, configDir);
        try {
            checkPolicies(emulator, logDir, policiesOff);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    /** Stops the run if the emulator's log contradicts the configuration meant to turn policies on or off. */
    private static void checkPolicies(RunningBroker emulator, Path logDir, boolean off) {
        Optional<Boolean> logSaysOff = emulator.logSaysPoliciesOff(logDir);
        if (logSaysOff.isEmpty()) {
            System.out.println("  (the emulator's log does not say whether IoT policies are enforced; assuming "
                    + (off ? "not" : "they are") + ")");
        } else if (logSaysOff.get() != off) {
            throw new IllegalStateException("the emulator was meant to run with IoT policies " + (off ? "off" : "on")
                    + ", but its log says otherwise; see " + logDir.resolve(emulator.broker.name() + ".stderr.log"));
        }
    }

    /** One measured scenario, to run against any broker. */
    private record Scenario(String label, ScenarioRun run) {
    }

    private interface ScenarioRun {
        List<Result> run(BrokerUnderTest broker, ConnectionScenarios connections, MessageScenarios messages)
                throws Exception;
    }

    /** The scenarios {@code runs} selects, in the order they run. */
    private static List<Scenario> scenarios(BenchConfig config, Predicate<String> runs) {
        List<Scenario> list = new ArrayList<>();
        if (runs.test("connect")) {
            list.add(new Scenario("connect rate", (b, c, m) -> c.connectRate(b)));
        }
        for (int pairs : config.pairs()) {
            for (MqttQoS qos : List.of(MqttQoS.AT_MOST_ONCE, MqttQoS.AT_LEAST_ONCE)) {
                if (runs.test("p2p-qos" + qos.value())) {
                    list.add(new Scenario("p2p qos" + qos.value() + " x" + pairs,
                            (b, c, m) -> m.pointToPoint(b.webSocket(), pairs, qos)));
                }
            }
        }
        if (runs.test("tcp")) {
            list.add(new Scenario("p2p tcp qos1 x10", (b, c, m) -> m.pointToPoint(b.tcp(), 10,
                    MqttQoS.AT_LEAST_ONCE)));
        }
        if (runs.test("mqtt5")) {
            list.add(new Scenario("p2p mqtt5 qos1 x10", (b, c, m) -> b.name().startsWith("moquette")
                    ? List.of(Result.text("p2p ws+sigv4 mqtt5 qos1 10 pairs: n/a", "",
                            "n/a: Moquette 0.17 speaks MQTT 3.1.1 only"))
                    : m.pointToPoint(b.webSocket().withMqtt5(), 10, MqttQoS.AT_LEAST_ONCE)));
        }
        if (runs.test("paced")) {
            list.add(new Scenario("paced latency", (b, c, m) -> m.paced(b.webSocket())));
        }
        if (runs.test("fanout")) {
            list.add(new Scenario("fan-out", (b, c, m) -> m.fanOut(b.webSocket())));
        }
        if (runs.test("idle")) {
            list.add(new Scenario("idle connections", (b, c, m) -> c.idleMemory(b)));
        }
        // Last, so the scenarios before it do not inherit its memory growth or a backlog.
        if (runs.test("flatout-tcp")) {
            list.add(new Scenario("flat-out tcp", (b, c, m) -> m.flatOut(b.tcp())));
        }
        if (runs.test("flatout-ws")) {
            list.add(new Scenario("flat-out ws", (b, c, m) -> m.flatOut(b.webSocket())));
        }
        return list;
    }

    /**
     * Runs the selected scenarios against each of the running brokers and returns their results by broker name. With
     * more than one, the brokers take turns: each scenario runs against all of them before the next starts, and who
     * goes first rotates from one scenario to the next.
     */
    private static Map<String, List<Result>> runTogether(EventLoopGroup group, BenchConfig config, String runId,
            List<RunningBroker> running, long deadline, Predicate<String> runs) {
        Map<String, List<Result>> results = new LinkedHashMap<>();
        List<ConnectionScenarios> connections = new ArrayList<>();
        List<MessageScenarios> messages = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            BrokerUnderTest b = running.get(i).broker;
            System.out.println("== " + b.name() + " (pid " + b.pid() + ", " + b.webSocket().describe() + ", "
                    + b.tcp().describe() + ")");
            List<Result> own = new ArrayList<>();
            own.add(new Result("start-up to ready", "ms", running.get(i).startupMillis,
                    Format.number(running.get(i).startupMillis), null, null));
            results.put(b.name(), own);
            connections.add(new ConnectionScenarios(group, config, runId + (char) ('a' + i)));
            messages.add(new MessageScenarios(group, config, runId + (char) ('a' + i), b.pid()));
        }
        if (config.warmUp()) {
            // Unmeasured: lets both JITs (the broker's, if it has one, and this harness's) compile the hot paths.
            for (int i = 0; i < running.size(); i++) {
                BrokerUnderTest b = running.get(i).broker;
                ConnectionScenarios c = connections.get(i);
                MessageScenarios m = messages.get(i);
                step(new ArrayList<>(), deadline, who(running, b), "warm-up", () -> {
                    c.warmUp(b);
                    return m.warmUp(b.webSocket(), b.tcp());
                });
            }
        }
        List<Scenario> selected = scenarios(config, runs);
        for (int n = 0; n < selected.size(); n++) {
            Scenario scenario = selected.get(n);
            for (int k = 0; k < running.size(); k++) {
                int i = (n + k) % running.size();
                BrokerUnderTest b = running.get(i).broker;
                ConnectionScenarios c = connections.get(i);
                MessageScenarios m = messages.get(i);
                step(results.get(b.name()), deadline, who(running, b), scenario.label(),
                        () -> scenario.run().run(b, c, m));
            }
        }
        return results;
    }

    /** How output lines name the broker: not at all when only one runs, otherwise "[name] ". */
    private static String who(List<RunningBroker> running, BrokerUnderTest broker) {
        return running.size() > 1 ? "[" + broker.name() + "] " : "";
    }

    /** Runs one scenario unless the deadline has passed; {@code who} prefixes its output lines (may be empty). */
    private static void step(List<Result> results, long deadline, String who, String label, Step step) {
        if (System.nanoTime() > deadline) {
            results.add(Result.text(label + ": skipped", "", "skipped: time cap reached"));
            System.out.println("  " + who + label + ": skipped (time cap)");
            return;
        }
        long start = System.nanoTime();
        try {
            List<Result> got = step.run();
            results.addAll(got);
            for (Result r : got) {
                System.out.println("  " + who + r.key() + " = " + r.display() + " " + r.unit());
            }
        } catch (Exception e) {
            results.add(Result.text(label + ": error", "", String.valueOf(e)));
            System.out.println("  " + who + label + ": error " + e);
        }
        System.out.printf("  (%s%s took %.1f s, load %s)%n", who, label, (System.nanoTime() - start) / 1e9,
                MachineInfo.loadAverage());
    }

    private static void writeJson(Path out, BenchConfig config, Map<String, Object> machine, Instant startedAt,
            String loadAtEnd, List<ResultTable.Row> rows) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("startedAt", startedAt.toString());
        doc.put("finishedAt", Instant.now().toString());
        doc.put("gitCommit", System.getenv().getOrDefault("BENCH_GIT_COMMIT", "unknown"));
        doc.put("machine", machine);
        doc.put("loadAverageAtEnd", loadAtEnd);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("profile", config.profile());
        cfg.put("connects", config.connects());
        cfg.put("pairs", config.pairs());
        cfg.put("messages", config.messages());
        cfg.put("window", config.window());
        cfg.put("payloadBytes", config.payloadBytes());
        cfg.put("pacedRate", config.pacedRate());
        cfg.put("pacedSeconds", config.pacedSeconds());
        cfg.put("fanOutSubscribers", config.fanOutSubscribers());
        cfg.put("fanOutMessages", config.fanOutMessages());
        cfg.put("idleConnections", config.idleConnections());
        cfg.put("flatOutMessages", config.flatOutMessages());
        cfg.put("flatOutTimeoutSeconds", config.flatOutTimeout().toSeconds());
        cfg.put("scenarioTimeoutSeconds", config.scenarioTimeout().toSeconds());
        cfg.put("timeCapSeconds", config.timeCap().toSeconds());
        cfg.put("scenarios", config.scenarios());
        cfg.put("warmUp", config.warmUp());
        cfg.put("policyScenarios", config.policyScenarios());
        cfg.put("policiesOn", "the emulator's embedded configuration: AllowEverything attached to the default key");
        cfg.put("policiesOff", "--config-dir with a credentials.json holding the default key without a policies "
                + "field; SigV4 is verified in both");
        cfg.put("moquette", "bare Moquette 0.17 in its own JVM (dev.iotemulator.bench.BareMoquette), anonymous, "
                + "persistence and telemetry off, the emulator's session_queue_size; its WebSocket rows use plain "
                + "ws://127.0.0.1:<port>/mqtt without the SigV4 query, which Moquette 0.17 rejects");
        cfg.put("cpu", "utime+stime of the broker process from /proc/<pid>/stat over the measured interval, "
                + ProcessProbe.clockTicksPerSecond() + " ticks/s");
        doc.put("config", cfg);
        List<Map<String, Object>> table = new ArrayList<>();
        for (ResultTable.Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", r.key());
            row.put("unit", r.unit());
            row.put("emulator", json(r.emulator()));
            row.put("moquette", json(r.moquette()));
            row.put("mosquitto", json(r.mosquitto()));
            row.put("ratio", r.ratio());
            row.put("emulatorToMoquetteRatio", r.ratioToMoquette());
            row.put("target", r.target());
            row.put("emulatorPoliciesOn", json(r.emulatorPoliciesOn()));
            row.put("emulatorPoliciesOff", json(r.emulatorPoliciesOff()));
            row.put("policiesOnOffRatio", r.policiesRatio());
            table.add(row);
        }
        doc.put("results", table);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
    }

    private static Map<String, Object> json(Result r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", Double.isNaN(r.value()) ? null : r.value());
        m.put("display", r.display());
        return m;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --emulator-jar JAR --mosquitto BIN --out FILE "
                        + "--log-dir DIR [--only " + String.join(",", ALL_BROKERS) + "]; "
                        + "got '" + args[i] + "'");
            }
            opts.put(args[i], args[++i]);
        }
        return opts;
    }
}
