package dev.iotemulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

    @Test
    void compares_policies_on_and_off_on_qos1_point_to_point_paced_latency_and_connects_by_default() {
        BenchConfig full = BenchConfig.fromEnvironment(Map.of());

        assertEquals(List.of("connect", "p2p-qos1", "paced"), full.policyScenarios());
        assertTrue(full.runs("p2p-qos0") && full.runs("p2p-qos1"), "p2p stands for both QoS levels");
        assertTrue(full.runsInPolicyComparison("p2p-qos1"));
        assertTrue(full.runsInPolicyComparison("connect"));
        assertFalse(full.runsInPolicyComparison("p2p-qos0"));
        assertFalse(full.runsInPolicyComparison("idle"));
        BenchConfig smoke = BenchConfig.fromEnvironment(Map.of("BENCH_PROFILE", "smoke"));
        assertEquals(List.of("paced"), smoke.policyScenarios(), "the smoke run only checks that the comparison works");
    }

    @Test
    void the_comparison_runs_only_scenarios_that_run_at_all_and_can_be_turned_off() {
        BenchConfig onlyP2p = BenchConfig.fromEnvironment(Map.of("BENCH_SCENARIOS", "p2p-qos1,idle"));
        assertTrue(onlyP2p.runsInPolicyComparison("p2p-qos1"));
        assertFalse(onlyP2p.runs("p2p-qos0"));
        assertFalse(onlyP2p.runsInPolicyComparison("paced"));

        assertEquals(List.of(), BenchConfig.fromEnvironment(Map.of("BENCH_POLICY_SCENARIOS", "none"))
                .policyScenarios());
        assertEquals(List.of(), BenchConfig.fromEnvironment(Map.of("BENCH_POLICY_SCENARIOS", " ")).policyScenarios());
    }

    @Test
    void flat_out_runs_over_both_transports_by_default_with_its_own_count_and_time_limit() {
        BenchConfig full = BenchConfig.fromEnvironment(Map.of());
        assertTrue(full.runs("flatout-tcp") && full.runs("flatout-ws"), "flatout stands for both transports");
        assertTrue(full.flatOutMessages() >= 200_000, "the issue asks for at least 200,000 messages");
        assertTrue(full.flatOutTimeout().compareTo(full.scenarioTimeout()) > 0);
        assertFalse(full.runsInPolicyComparison("flatout-tcp"));

        BenchConfig wsOnly = BenchConfig.fromEnvironment(Map.of("BENCH_SCENARIOS", "flatout-ws",
                "BENCH_FLATOUT_MESSAGES", "5000"));
        assertTrue(wsOnly.runs("flatout-ws"));
        assertFalse(wsOnly.runs("flatout-tcp"));
        assertFalse(wsOnly.runs("p2p-qos1"));
        assertEquals(5000, wsOnly.flatOutMessages());
    }
}
