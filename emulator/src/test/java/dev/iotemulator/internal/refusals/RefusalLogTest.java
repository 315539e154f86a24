package dev.iotemulator.internal.refusals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private final RefusalLog log = new RefusalLog(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

    @Test
    void keeps_the_latest_refusals_oldest_first_and_counts_every_one() {
        for (int i = 0; i < RefusalLog.KEEP + 5; i++) {
            log.record(RefusalLog.Kind.PROTOCOL, "CLIENT_ERROR", "problem " + i, "c" + i, null, "/127.0.0.1:1", null);
        }
        List<RefusalLog.Refusal> recent = log.recent();
        assertEquals(RefusalLog.KEEP, recent.size());
        assertEquals("problem 5", recent.get(0).message());
        assertEquals("problem " + (RefusalLog.KEEP + 4), recent.get(recent.size() - 1).message());
        assertEquals(RefusalLog.KEEP + 5, log.count());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), recent.get(0).at());
    }

    @Test
    void tells_each_listener_until_it_is_removed() {
        List<String> heard = new ArrayList<>();
        Consumer<RefusalLog.Refusal> listener = r -> heard.add(r.reason());
        log.listen(listener);
        log.record(RefusalLog.Kind.SIGV4, "SIGNATURE_MISMATCH", "m", null, "AKID", "/1.2.3.4:5", Map.of());
        log.unlisten(listener);
        log.record(RefusalLog.Kind.SIGV4, "CLOCK_SKEW", "m", null, "AKID", "/1.2.3.4:5", Map.of());
        assertEquals(List.of("SIGNATURE_MISMATCH"), heard);
    }

    @Test
    void details_keep_their_order_and_cannot_be_changed_afterwards() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("request", "GET /mqtt");
        details.put("canonicalRequest", "GET\n/mqtt");
        RefusalLog.Refusal refusal = log.record(RefusalLog.Kind.SIGV4, "SIGNATURE_MISMATCH", "m", null, null, null,
                details);
        details.put("later", "x");
        assertEquals(List.of("request", "canonicalRequest"), new ArrayList<>(refusal.details().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> refusal.details().put("x", "y"));
    }
}
