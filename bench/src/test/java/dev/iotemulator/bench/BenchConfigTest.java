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
}
