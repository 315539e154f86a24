package dev.iotemulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void pairs_rows_by_key_and_divides_emulator_by_mosquitto() {
        List<ResultTable.Row> rows = ResultTable.pair(
                List.of(Result.of("p2p ws+sigv4 qos1 1 pair: throughput", "msg/s", 600)),
                List.of(Result.of("p2p ws+sigv4 qos1 1 pair: throughput", "msg/s", 1000)));

        assertEquals(1, rows.size());
        assertEquals("0.60x", rows.get(0).ratio());
        assertEquals(">= 0.5x mosquitto met", rows.get(0).target());
    }

    @Test
    void loss_rows_and_missing_figures_get_no_ratio() {
        List<ResultTable.Row> rows = ResultTable.pair(
                List.of(new Result("x: loss", "msgs", 3, "lost 3 of 10", null, null),
                        Result.text("y: error", "", "boom")),
                List.of(new Result("x: loss", "msgs", 1, "lost 1 of 10", null, null)));

        assertEquals("-", rows.get(0).ratio());
        assertEquals("-", rows.get(1).ratio());
        assertTrue(ResultTable.render(rows).contains("(not run)"));
    }

    @Test
    void compares_policies_on_with_policies_off_only_where_both_runs_have_a_figure() {
        String throughput = "p2p ws+sigv4 qos1 10 pairs: throughput";
        String latency = "paced ws+sigv4 qos1 1000 msg/s: latency p50/p99/max";
        List<ResultTable.Row> rows = ResultTable.pair(
                List.of(Result.of(throughput, "msg/s", 5000), Result.of("fan-out: throughput", "msg/s", 7)),
                List.of(Result.of(throughput, "msg/s", 900), new Result(latency, "ms", 6.5, "1.5 / 6.5 / 9", null, null),
                        new Result("paced: loss", "msgs", 0, "lost 0 of 10", null, null)),
                List.of(Result.of(throughput, "msg/s", 1000), new Result(latency, "ms", 5.0, "1.2 / 5.0 / 8", null, null),
                        new Result("paced: loss", "msgs", 0, "lost 0 of 10", null, null)),
                List.of(Result.of(throughput, "msg/s", 10000)));

        assertEquals(List.of(throughput, "fan-out: throughput", latency, "paced: loss"),
                rows.stream().map(ResultTable.Row::key).toList());
        assertEquals("0.50x", rows.get(0).ratio(), "the main table still compares the full run with Mosquitto");
        assertEquals("0.90x", rows.get(0).policiesRatio());
        assertEquals("−100", rows.get(0).policiesDifference());
        assertEquals("1.30x", rows.get(2).policiesRatio());
        assertEquals("+1.50", rows.get(2).policiesDifference());
        assertEquals("-", rows.get(3).policiesRatio());
        assertEquals("-", rows.get(3).policiesDifference());

        String main = ResultTable.render(rows);
        String policies = ResultTable.renderPolicies(rows);
        assertTrue(main.contains("fan-out: throughput") && !main.contains("paced: loss"), main);
        assertTrue(policies.contains("policies off") && !policies.contains("fan-out"), policies);
        assertEquals(5, policies.lines().count(), policies);
    }

    @Test
    void renders_no_policy_table_when_neither_policy_run_happened() {
        List<ResultTable.Row> rows = ResultTable.pair(List.of(Result.of("x", "ms", 1)), List.of(Result.of("x", "ms", 2)));

        assertEquals("", ResultTable.renderPolicies(rows));
    }

    @Test
    void renders_no_main_table_when_only_the_policy_runs_happened() {
        List<ResultTable.Row> rows = ResultTable.pair(List.of(), List.of(Result.of("x", "ms", 1)),
                List.of(Result.of("x", "ms", 2)), List.of());

        assertEquals("", ResultTable.render(rows));
        assertTrue(ResultTable.renderPolicies(rows).contains("0.50x"));
    }

    @Test
    void reads_the_whole_heap_figure_from_gc_heap_info() {
        String heapInfo = """
                12345:
                 garbage-first heap   total 258048K, used 20971K [0x00000000a0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 16000K, committed 16384K, reserved 1114112K
                """;

        assertEquals(20971, ProcessProbe.parseHeapUsedKb(heapInfo));
    }
}
