package dev.iotemulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessProbeTest {

    @Test
    void adds_user_and_system_time_from_proc_stat() {
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1500 320 0 0 20 0 57 0 1234 "
                + "4000000000 120000 18446744073709551615 1 1 0 0 0 0 0 4096 16796400 0 0 0 17 1 0 0 0 0 0";

        assertEquals(1500 + 320, ProcessProbe.parseCpuTicks(stat));
    }

    @Test
    void counts_fields_after_a_command_name_with_spaces_and_parentheses() {
        String stat = "77 (my (odd) name) R 1 77 77 0 -1 0 0 0 0 0 9 4 0 0 20 0 1 0 5 100 10 0";

        assertEquals(13, ProcessProbe.parseCpuTicks(stat));
    }

    @Test
    void reads_this_process_and_the_clock_tick() {
        long self = ProcessHandle.current().pid();

        assertTrue(ProcessProbe.cpuTicks(self) >= 0);
        assertTrue(ProcessProbe.rssKb(self) > 0);
        assertTrue(ProcessProbe.clockTicksPerSecond() > 0);
        assertEquals(-1, ProcessProbe.cpuTicks(Long.MAX_VALUE), "a process that does not exist");
    }
}
