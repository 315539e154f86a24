package dev.iotemulator.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes applied to a {@link DocumentStore} together, in order, as one commit: after a crash either all of them are
 * there or none. Not thread-safe; build one per operation.
 *
 * <pre>{@code
 * store.apply(new Batch().put("registry.things", "sensor-1", json).delete("registry.pending", "sensor-1"));
 * }</pre>
 */
public final class Batch {

    /** One change. A null document is a delete; a null key clears the collection. */
    record Change(String collection, String key, byte[] document) {
    }

    private final List<Change> changes = new ArrayList<>();

    /** Stores {@code document} under {@code key}, replacing what was there. */
    public Batch put(String collection, String key, byte[] document) {
        CollectionNames.check(collection);
        changes.add(new Change(collection, Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(document, "document").clone()));
        return this;
    }

    /** Removes {@code key}; nothing happens when it is absent. */
    public Batch delete(String collection, String key) {
        CollectionNames.check(collection);
        changes.add(new Change(collection, Objects.requireNonNull(key, "key"), null));
        return this;
    }

    /** Removes every document of {@code collection}. */
    public Batch clear(String collection) {
        CollectionNames.check(collection);
        changes.add(new Change(collection, null, null));
        return this;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public int size() {
        return changes.size();
    }

    List<Change> changes() {
        return changes;
    }
}
