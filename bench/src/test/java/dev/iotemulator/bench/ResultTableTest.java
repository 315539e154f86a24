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
