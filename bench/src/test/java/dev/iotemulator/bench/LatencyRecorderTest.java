package dev.iotemulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentiles_use_the_nearest_rank() {
        LatencyRecorder r = new LatencyRecorder(0);
        for (int i = 100; i >= 1; i--) {
            r.record(i);
        }

        assertEquals(50, r.percentile(50));
        assertEquals(99, r.percentile(99));
        assertEquals(100, r.percentile(100));
        assertEquals(1, r.percentile(0.1));
        assertEquals(100, r.max());
    }

    @Test
    void a_single_sample_is_every_percentile() {
        LatencyRecorder r = new LatencyRecorder(1);
        r.record(7);

        assertEquals(7, r.percentile(50));
        assertEquals(7, r.percentile(99));
    }

    @Test
    void no_samples_answers_minus_one_rather_than_a_made_up_figure() {
        LatencyRecorder r = new LatencyRecorder(4);

        assertEquals(-1, r.percentile(99));
        assertEquals(-1, r.max());
    }

    @Test
    void rejects_percentiles_outside_zero_to_a_hundred() {
        LatencyRecorder r = new LatencyRecorder(1);
        assertThrows(IllegalArgumentException.class, () -> r.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> r.percentile(101));
    }

    @Test
    void merge_keeps_every_sample_and_grows_past_the_initial_size() {
        LatencyRecorder a = new LatencyRecorder(1);
        for (int i = 0; i < 40; i++) {
            a.record(1);
        }
        LatencyRecorder b = new LatencyRecorder(1);
        b.record(1000);

        LatencyRecorder merged = LatencyRecorder.merge(List.of(a, b));

        assertEquals(41, merged.count());
        assertEquals(1, merged.percentile(97));
        assertEquals(1000, merged.percentile(99));
    }
}
