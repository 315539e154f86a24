package dev.iotemulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrokerCpuTest {

    @Test
    void divides_cpu_time_by_the_count_and_says_what_it_rests_on() {
        Result r = BrokerCpu.result("x: CPU per message", "µs/msg", 250, 0, 20_000, 100);

        assertEquals(125, r.value(), 1e-9);
        assertEquals("125 (2.50 s CPU / 20000)", r.display());
    }

    @Test
    void says_how_much_the_jit_compilers_took() {
        Result r = BrokerCpu.result("x", "µs/msg", 200, 50, 1000, 100);

        assertEquals(2000, r.value(), 1e-9);
        assertTrue(r.display().endsWith(", 25 % JIT)"), r.display());
    }

    @Test
    void less_than_one_tick_is_a_bound_not_a_zero() {
        Result r = BrokerCpu.result("x", "µs/conn", 0, 0, 100, 100);

        assertTrue(Double.isNaN(r.value()), "no ratio can be taken from it");
        assertEquals("< 100 (under one 10 ms tick / 100)", r.display());
    }
}
