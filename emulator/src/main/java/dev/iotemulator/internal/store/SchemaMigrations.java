package dev.iotemulator.internal.store;

/**
 * Brings a store written by an older emulator up to {@link DocumentStore#SCHEMA_VERSION}, one version at a time, and
 * refuses one written by a newer emulator. Version 1 is the first: there is nothing to migrate yet. A change that an
 * older reader cannot read adds a step here, e.g. {@code case 1 -> rewriteShadowKeys(store)}, and raises the version.
 */
final class SchemaMigrations {

    private SchemaMigrations() {
    }

    static void apply(DocumentStore store) {
        int recorded = store.recordedSchemaVersion();
        if (recorded > DocumentStore.SCHEMA_VERSION) {
            throw new StoreException("The store " + store.file().map(Object::toString).orElse("in memory")
                    + " was written by a newer emulator (schema version " + recorded + "; this one reads up to "
                    + DocumentStore.SCHEMA_VERSION + "). Start the newer emulator, or give this one another "
                    + "--data-dir.");
        }
        for (int version = recorded; version < DocumentStore.SCHEMA_VERSION; version++) {
            upgradeFrom(version);
        }
        if (recorded != DocumentStore.SCHEMA_VERSION) {
            store.recordSchemaVersion(DocumentStore.SCHEMA_VERSION);
        }
    }

    /** One step: from {@code version} to {@code version + 1}. */
    private static void upgradeFrom(int version) {
        switch (version) {
            case 0 -> {
                // a new store: nothing to upgrade
            }
            default -> throw new IllegalStateException("no migration from schema version " + version);
        }
    }
}
