package dev.iotemulator.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The scale knobs, read once from environment variables (so {@code bench/run.sh} and a CI job set them the same way).
 * {@code BENCH_PROFILE=smoke} shrinks every default so a run takes under a minute; each variable still wins over it.
 *
 * @param connects SigV4 WebSocket connections opened in the connect-rate scenario ({@code BENCH_CONNECTS})
 * @param pairs publisher→subscriber pair counts for the point-to-point scenarios ({@code BENCH_PAIRS}, e.g. 1,10,100)
 * @param messages messages per point-to-point run, split across the pairs ({@code BENCH_MESSAGES})
 * @param window QoS 1 PUBLISHes a publisher may have un-acknowledged ({@code BENCH_WINDOW})
 * @param payloadBytes PUBLISH payload size, at least 16 (sequence number and send time) ({@code BENCH_PAYLOAD})
 * @param pacedRate messages/s of the paced latency scenario ({@code BENCH_PACED_RATE})
 * @param pacedSeconds length of the paced latency scenario ({@code BENCH_PACED_SECONDS})
 * @param fanOutSubscribers subscribers of the fan-out scenario ({@code BENCH_FANOUT_SUBSCRIBERS})
 * @param fanOutMessages messages the fan-out publisher sends ({@code BENCH_FANOUT_MESSAGES})
 * @param idleConnections idle WebSocket clients of the memory scenario ({@code BENCH_IDLE})
 * @param flatOutMessages messages of the flat-out QoS 1 scenario, over its 10 pairs, per transport
 *        ({@code BENCH_FLATOUT_MESSAGES})
 * @param flatOutTimeout the flat-out scenario's own time limit, per transport: it sends ten times as much as a
 *        point-to-point run ({@code BENCH_FLATOUT_TIMEOUT_S})
 * @param connectConcurrency connection attempts in flight at once ({@code BENCH_CONNECT_CONCURRENCY})
 * @param scenarioTimeout the most one scenario may take before it stops and reports what it has
 *        ({@code BENCH_SCENARIO_TIMEOUT_S})
 * @param timeCap the whole side-by-side run; scenarios that would start after it are skipped ({@code BENCH_TIME_CAP_S})
 * @param scenarios which scenarios run, any of connect, p2p, tcp, paced, fanout, idle, flatout
 *        ({@code BENCH_SCENARIOS}); p2p stands for both p2p-qos0 and p2p-qos1, and flatout for both flatout-tcp and
 *        flatout-ws, which may also be named alone
 * @param warmUp whether each broker (and this JVM) is warmed up with unmeasured traffic first ({@code BENCH_WARMUP})
 * @param policyScenarios the scenarios run again against two fresh emulators, IoT policies on and off, to show what
 *        policies cost: same names as {@code scenarios} (only those also in it take part), or none
 *        ({@code BENCH_POLICY_SCENARIOS})
 */
record BenchConfig(String profile, int connects, List<Integer> pairs, int messages, int window, int payloadBytes,
        int pacedRate, int pacedSeconds, int fanOutSubscribers, int fanOutMessages, int idleConnections,
        int flatOutMessages, Duration flatOutTimeout, int connectConcurrency, Duration scenarioTimeout,
        Duration timeCap, List<String> scenarios, boolean warmUp, List<String> policyScenarios) {

    static final String ALL_SCENARIOS = "connect,p2p,tcp,mqtt5,paced,fanout,idle,flatout";

    /**
     * Whether the scenario runs against each broker; a name with a dash is also selected by what comes before it
     * ({@code p2p-qos1} by {@code p2p}, {@code flatout-ws} by {@code flatout}).
     */
    boolean runs(String scenario) {
        return selects(scenarios, scenario);
    }

    /** Whether the scenario is part of the IoT policies on/off comparison. */
    boolean runsInPolicyComparison(String scenario) {
        return runs(scenario) && selects(policyScenarios, scenario);
    }

    private static boolean selects(List<String> names, String scenario) {
        int dash = scenario.indexOf('-');
        return names.contains(scenario) || dash > 0 && names.contains(scenario.substring(0, dash));
    }

    private static List<String> names(Map<String, String> env, String variable, String fallback) {
        String value = env.getOrDefault(variable, fallback).trim();
        if (value.isEmpty() || value.equals("none")) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    static BenchConfig fromEnvironment(Map<String, String> env) {
        String profile = env.getOrDefault("BENCH_PROFILE", "full");
        boolean smoke = "smoke".equals(profile);
        return new BenchConfig(profile,
                integer(env, "BENCH_CONNECTS", smoke ? 100 : 1000),
                Arrays.stream(env.getOrDefault("BENCH_PAIRS", smoke ? "1,10" : "1,10,100").split(","))
                        .map(String::trim).map(Integer::parseInt).toList(),
                integer(env, "BENCH_MESSAGES", smoke ? 2000 : 100000),
                integer(env, "BENCH_WINDOW", 100),
                Math.max(16, integer(env, "BENCH_PAYLOAD", 64)),
                integer(env, "BENCH_PACED_RATE", 1000),
                integer(env, "BENCH_PACED_SECONDS", smoke ? 2 : 10),
                integer(env, "BENCH_FANOUT_SUBSCRIBERS", smoke ? 100 : 1000),
                integer(env, "BENCH_FANOUT_MESSAGES", smoke ? 10 : 50),
                integer(env, "BENCH_IDLE", smoke ? 300 : 5000),
                integer(env, "BENCH_FLATOUT_MESSAGES", smoke ? 20000 : 200000),
                Duration.ofSeconds(integer(env, "BENCH_FLATOUT_TIMEOUT_S", smoke ? 40 : 120)),
                integer(env, "BENCH_CONNECT_CONCURRENCY", 64),
                Duration.ofSeconds(integer(env, "BENCH_SCENARIO_TIMEOUT_S", smoke ? 20 : 60)),
                Duration.ofSeconds(integer(env, "BENCH_TIME_CAP_S", smoke ? 120 : 540)),
                names(env, "BENCH_SCENARIOS", ALL_SCENARIOS),
                integer(env, "BENCH_WARMUP", 1) != 0,
                names(env, "BENCH_POLICY_SCENARIOS", smoke ? "paced" : "connect,p2p-qos1,paced"));
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number; unset it to use "
                    + fallback, e);
        }
    }
}
