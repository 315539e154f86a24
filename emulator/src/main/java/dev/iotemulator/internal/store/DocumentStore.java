package dev.iotemulator.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Documents by collection and key, durable and atomic per call; see the package documentation for the rules. Safe to
 * use from any thread: reads never wait, changes are applied one call at a time.
 */
public final class DocumentStore implements AutoCloseable {

    /** The version of the collections' layout this emulator writes; see {@link SchemaMigrations}. */
    public static final int SCHEMA_VERSION = 1;
    /** The file under {@code <data dir>/store}. */
    public static final String FILE_NAME = "emulator.mv.db";

    private static final String MAP_PREFIX = "c:";
    private static final String META = "store.meta";
    private static final String SCHEMA_KEY = "schemaVersion";
    /** Old chunks are rewritten once this many commits have passed, so a long run does not grow the file forever. */
    private static final int COMMITS_BETWEEN_COMPACTIONS = 2_000;

    private final MVStore store;
    private final Path file;
    private int commitsSinceCompaction;
    private boolean closed;

    private DocumentStore(MVStore store, Path file) {
        this.store = store;
        this.file = file;
    }

    /**
     * Opens (or creates) the store of a data directory, in {@code <dataDir>/store/emulator.mv.db}.
     *
     * @throws StoreException when another process has it open, it was written by a newer emulator, or it cannot be read
     */
    public static DocumentStore open(Path dataDir) {
        Path dir = dataDir.resolve("store");
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("Cannot create the store directory " + dir + ": " + e.getMessage()
                    + ". Use a writable data directory (--data-dir, IOT_EMULATOR_DATA_DIR).", e);
        }
        MVStore mv;
        try {
            mv = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().compress().open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreException("The data directory " + dataDir + " is in use by another emulator (its store "
                        + file + " is locked). Stop that one, or give this one its own --data-dir.", e);
            }
            throw new StoreException("Cannot open the store " + file + ": " + e.getMessage() + ". Move it aside to "
                    + "start with empty state (shadows, retained messages, sessions, certificate status).", e);
        }
        return migrated(new DocumentStore(mv, file));
    }

    /** The same store without a file: state lasts as long as the emulator. */
    public static DocumentStore inMemory() {
        return migrated(new DocumentStore(new MVStore.Builder().autoCommitDisabled().open(), null));
    }

    private static DocumentStore migrated(DocumentStore opened) {
        try {
            SchemaMigrations.apply(opened);
            return opened;
        } catch (RuntimeException e) {
            opened.store.closeImmediately();
            throw e;
        }
    }

    /** The file the store lives in, or empty when it is in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The document under {@code key}, or empty. */
    public Optional<byte[]> get(String collection, String key) {
        byte[] document = map(collection).get(key);
        return Optional.ofNullable(document == null ? null : document.clone());
    }

    /** Every document of {@code collection}, by key in ascending order: a snapshot, not a live view. */
    public Map<String, byte[]> entries(String collection) {
        MVMap<String, byte[]> map = map(collection);
        Map<String, byte[]> copy = new LinkedHashMap<>();
        map.entrySet().forEach(e -> copy.put(e.getKey(), e.getValue().clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** How many documents {@code collection} holds. */
    public long count(String collection) {
        return map(collection).sizeAsLong();
    }

    public void put(String collection, String key, byte[] document) {
        apply(new Batch().put(collection, key, document));
    }

    public void delete(String collection, String key) {
        apply(new Batch().delete(collection, key));
    }

    public void clear(String collection) {
        apply(new Batch().clear(collection));
    }

    /** Applies every change of {@code batch}, in order, as one commit. */
    public synchronized void apply(Batch batch) {
        if (batch.isEmpty()) {
            return;
        }
        ensureOpen();
        for (Batch.Change change : batch.changes()) {
            MVMap<String, byte[]> map = map(change.collection());
            if (change.key() == null) {
                map.clear();
            } else if (change.document() == null) {
                map.remove(change.key());
            } else {
                map.put(change.key(), change.document());
            }
        }
        commit();
    }

    /** Empties every collection at once: what admin reset does. */
    public synchronized void clear() {
        ensureOpen();
        for (String name : store.getMapNames()) {
            if (name.startsWith(MAP_PREFIX)) {
                store.<String, byte[]>openMap(name).clear();
            }
        }
        commit();
    }

    /** The schema version the store holds, 0 for a store this emulator has just created. */
    synchronized int recordedSchemaVersion() {
        byte[] version = map(META).get(SCHEMA_KEY);
        return version == null ? 0 : Integer.parseInt(new String(version, StandardCharsets.US_ASCII));
    }

    synchronized void recordSchemaVersion(int version) {
        map(META).put(SCHEMA_KEY, Integer.toString(version).getBytes(StandardCharsets.US_ASCII));
        commit();
    }

    private void commit() {
        try {
            store.commit();
            if (file != null && ++commitsSinceCompaction >= COMMITS_BETWEEN_COMPACTIONS) {
                commitsSinceCompaction = 0;
                store.compact(50, 4 * 1024 * 1024);
            }
        } catch (MVStoreException e) {
            throw new StoreException("Cannot write the store " + (file == null ? "in memory" : file) + ": "
                    + e.getMessage() + ". Is the disk full?", e);
        }
    }

    private MVMap<String, byte[]> map(String collection) {
        if (!META.equals(collection)) {
            CollectionNames.check(collection);
        }
        return store.openMap(MAP_PREFIX + collection);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("The store " + (file == null ? "in memory" : file) + " is closed.");
        }
    }

    /** Writes what is left and closes the file; later changes fail. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            store.close();
        }
    }
}
