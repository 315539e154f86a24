package dev.iotemulator.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.JournalEntry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JournalTest {

    private static List<String> topics(Journal journal) {
        return journal.entries().stream().map(JournalEntry::topic).toList();
    }

    @Test
    void keeps_the_latest_entries_up_to_its_capacity_oldest_first() {
        Journal journal = new Journal(3, Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            journal.publish("c", "p", "t/" + i, new byte[0], 0, false, "mqtt");
        }
        assertEquals(List.of("t/2", "t/3", "t/4"), topics(journal));
    }

    @Test
    void clear_forgets_what_was_recorded_before_it_only() {
        Journal journal = new Journal(3, Clock.systemUTC());
        journal.publish("c", "p", "old", new byte[0], 0, false, "mqtt");
        journal.clear();
        journal.publish("c", "p", "new", new byte[0], 0, false, "mqtt");
        assertEquals(List.of("new"), topics(journal));
    }

    @Test
    void large_payloads_are_kept_only_up_to_the_byte_budget_oldest_dropped_first() {
        Journal journal = new Journal(100, 10_000, Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            journal.publish("c", "p", "t/" + i, new byte[4_000], 0, false, "mqtt");
        }
        assertEquals(List.of("t/3", "t/4"), topics(journal), "8,000 of 10,000 bytes; a third entry would pass it");
        journal.publish("c", "p", "huge", new byte[50_000], 0, false, "mqtt");
        assertEquals(List.of("huge"), topics(journal), "the newest entry is kept whatever its size");
        journal.publish("c", "p", "small", new byte[10], 0, false, "mqtt");
        assertEquals(List.of("small"), topics(journal));
    }

    @Test
    void a_capacity_of_zero_records_nothing() {
        Journal journal = new Journal(0, Clock.systemUTC());
        journal.publish("c", "p", "t", new byte[0], 0, false, "mqtt");
        assertTrue(journal.entries().isEmpty());
    }

    @Test
    void concurrent_writers_lose_nothing_below_capacity() throws Exception {
        Journal journal = new Journal(10_000, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int writer = w;
            pool.execute(() -> {
                for (int i = 0; i < 1000; i++) {
                    journal.publish("c" + writer, "p", "t", new byte[0], 0, false, "mqtt");
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(4000, journal.entries().size());
    }
}
