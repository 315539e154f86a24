package dev.iotemulator.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentStoreTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void documents_come_back_by_collection_and_key_in_key_order() {
        try (DocumentStore store = DocumentStore.inMemory()) {
            store.put("test.things", "b", utf8("2"));
            store.put("test.things", "a", utf8("1"));
            store.put("test.other", "a", utf8("other"));
            assertEquals("1", text(store.get("test.things", "a").orElseThrow()));
            assertEquals(List.of("a", "b"), List.copyOf(store.entries("test.things").keySet()));
            assertEquals("other", text(store.get("test.other", "a").orElseThrow()));
            store.delete("test.things", "a");
            assertTrue(store.get("test.things", "a").isEmpty());
            assertEquals(1, store.count("test.things"));
        }
    }

    @Test
    void a_batch_is_applied_in_order_and_a_clear_empties_every_collection() {
        try (DocumentStore store = DocumentStore.inMemory()) {
            store.apply(new Batch().put("test.a", "k", utf8("old")).put("test.a", "k", utf8("new"))
                    .put("test.b", "x", utf8("x")).clear("test.c").delete("test.b", "missing"));
            assertEquals("new", text(store.get("test.a", "k").orElseThrow()));
            store.clear();
            assertEquals(0, store.count("test.a"));
            assertEquals(0, store.count("test.b"));
        }
    }

    @Test
    void a_document_given_or_returned_cannot_be_changed_behind_the_stores_back() {
        try (DocumentStore store = DocumentStore.inMemory()) {
            byte[] doc = utf8("abc");
            store.put("test.a", "k", doc);
            doc[0] = 'X';
            store.get("test.a", "k").orElseThrow()[1] = 'Y';
            assertArrayEquals(utf8("abc"), store.get("test.a", "k").orElseThrow());
        }
    }

    @Test
    void what_was_written_is_there_after_reopening_the_data_directory(@TempDir Path data) {
        try (DocumentStore store = DocumentStore.open(data)) {
            store.apply(new Batch().put("test.a", "k1", utf8("v1")).put("test.a", "k2", utf8("v2")));
        }
        try (DocumentStore store = DocumentStore.open(data)) {
            assertEquals(2, store.count("test.a"));
            assertEquals(DocumentStore.SCHEMA_VERSION, store.recordedSchemaVersion());
        }
    }

    @Test
    void a_second_emulator_on_the_same_data_directory_is_told_which_one(@TempDir Path data) {
        try (DocumentStore first = DocumentStore.open(data)) {
            StoreException e = assertThrows(StoreException.class, () -> DocumentStore.open(data));
            assertTrue(e.getMessage().contains("in use by another emulator") && e.getMessage().contains("--data-dir"),
                    e.getMessage());
        }
    }

    @Test
    void a_store_from_a_newer_emulator_is_refused_rather_than_misread(@TempDir Path data) {
        try (DocumentStore store = DocumentStore.open(data)) {
            store.recordSchemaVersion(DocumentStore.SCHEMA_VERSION + 1);
        }
        StoreException e = assertThrows(StoreException.class, () -> DocumentStore.open(data));
        assertTrue(e.getMessage().contains("newer emulator"), e.getMessage());
    }

    @Test
    void collections_are_named_by_feature() {
        try (DocumentStore store = DocumentStore.inMemory()) {
            assertThrows(IllegalArgumentException.class, () -> store.put("Shadows", "k", utf8("x")));
            assertThrows(IllegalArgumentException.class, () -> store.put("shadows", "k", utf8("x")));
            store.put(CollectionNames.SHADOWS, "k", utf8("x"));
        }
    }

    @Test
    void a_closed_store_refuses_changes() {
        DocumentStore store = DocumentStore.inMemory();
        store.close();
        assertThrows(StoreException.class, () -> store.put("test.a", "k", utf8("x")));
    }
}
