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
                List.of(),
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
    void divides_the_emulator_by_bare_moquette_and_by_mosquitto_in_columns_of_their_own() {
        String throughput = "p2p ws+sigv4 qos1 10 pairs: throughput";
        String cpu = "p2p ws+sigv4 qos1 10 pairs: CPU per message";
        List<ResultTable.Row> rows = ResultTable.pair(
                List.of(Result.of(throughput, "msg/s", 3000), Result.of(cpu, "µs/msg", 90)),
                List.of(), List.of(),
                List.of(Result.of(throughput, "msg/s", 12000), Result.of(cpu, "µs/msg", 30)),
                List.of(Result.of(throughput, "msg/s", 30000), Result.of(cpu, "µs/msg", 9)));

        assertEquals("0.25x", rows.get(0).ratioToMoquette());
        assertEquals("0.10x", rows.get(0).ratio());
        assertEquals(">= 0.5x mosquitto NOT met", rows.get(0).target(), "the target stays emulator / mosquitto");
        assertEquals("3.00x", rows.get(1).ratioToMoquette());
        assertEquals("10.00x", rows.get(1).ratio());
        assertEquals("", rows.get(1).target());

        List<String> lines = ResultTable.render(rows).lines().toList();
        assertEquals(List.of("scenario", "unit", "emulator", "moquette", "mosquitto", "emulator / moquette",
                "emulator / mosquitto", "target (emulator)"), cells(lines.get(0)));
        assertEquals(List.of(throughput, "msg/s", "3,000", "12,000", "30,000", "0.25x", "0.10x",
                ">= 0.5x mosquitto NOT met"), cells(lines.get(2)));
    }

    @Test
    void a_broker_that_did_not_run_shows_as_not_run_and_gets_no_ratio() {
        List<ResultTable.Row> rows = ResultTable.pair(List.of(Result.of("x: throughput", "msg/s", 5)),
                List.of(), List.of(), List.of(Result.of("x: throughput", "msg/s", 10)), List.of());

        assertEquals("0.50x", rows.get(0).ratioToMoquette());
        assertEquals("-", rows.get(0).ratio());
        assertEquals(List.of("x: throughput", "msg/s", "5", "10", "(not run)", "0.50x", "-", ""),
                cells(ResultTable.render(rows).lines().toList().get(2)));
    }

    @Test
    void a_row_only_bare_moquette_has_is_in_the_main_table() {
        List<ResultTable.Row> rows = ResultTable.pair(List.of(), List.of(), List.of(),
                List.of(Result.text("flat-out: error", "", "boom")), List.of());

        assertTrue(ResultTable.render(rows).contains("flat-out: error"));
        assertEquals("", ResultTable.renderPolicies(rows));
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.length() - 1);
        return java.util.Arrays.stream(inner.split("\\|")).map(String::trim).toList();
    }

    @Test
    void renders_no_policy_table_when_neither_policy_run_happened() {
        List<ResultTable.Row> rows = ResultTable.pair(List.of(Result.of("x", "ms", 1)), List.of(Result.of("x", "ms", 2)));

        assertEquals("", ResultTable.renderPolicies(rows));
    }

    @Test
    void renders_no_main_table_when_only_the_policy_runs_happened() {
        List<ResultTable.Row> rows = ResultTable.pair(List.of(), List.of(Result.of("x", "ms", 1)),
                List.of(Result.of("x", "ms", 2)), List.of(), List.of());

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
