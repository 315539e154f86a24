package dev.iotemulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void counts_missing_sequence_numbers_as_lost() {
        DeliveryLedger ledger = new DeliveryLedger(5);
        ledger.record(0);
        ledger.record(2);
        ledger.record(4);

        assertEquals(3, ledger.unique());
        assertEquals(2, ledger.lost());
        assertFalse(ledger.complete());
    }

    @Test
    void counts_a_second_copy_as_a_duplicate_not_as_a_delivery() {
        DeliveryLedger ledger = new DeliveryLedger(2);
        assertTrue(ledger.record(1));
        assertFalse(ledger.record(1));
        ledger.record(0);

        assertEquals(1, ledger.duplicates());
        assertEquals(0, ledger.lost());
        assertTrue(ledger.complete());
    }

    @Test
    void counts_out_of_range_sequence_numbers_as_unexpected() {
        DeliveryLedger ledger = new DeliveryLedger(2);
        ledger.record(-1);
        ledger.record(2);

        assertEquals(2, ledger.unexpected());
        assertEquals(2, ledger.lost());
    }

    @Test
    void merge_adds_up_every_receiver() {
        DeliveryLedger a = new DeliveryLedger(3);
        a.record(0);
        a.record(0);
        DeliveryLedger b = new DeliveryLedger(3);
        b.record(0);
        b.record(1);
        b.record(2);

        DeliveryLedger total = DeliveryLedger.merge(List.of(a, b));

        assertEquals(6, total.expected());
        assertEquals(4, total.unique());
        assertEquals(2, total.lost());
        assertEquals(1, total.duplicates());
    }
}
