package dev.iotemulator.internal.core;

import dev.iotemulator.internal.rules.RulePersistence;
import dev.iotemulator.internal.store.CollectionNames;
import dev.iotemulator.internal.store.DocumentStore;
import java.util.Map;

/** The topic rules' documents in the emulator's store ({@link CollectionNames#TOPIC_RULES}), one per rule name. */
final class StoredTopicRules implements RulePersistence.Storage {

    private final DocumentStore store;

    StoredTopicRules(DocumentStore store) {
        this.store = store;
    }

    @Override
    public Map<String, byte[]> all() {
        return store.entries(CollectionNames.TOPIC_RULES);
    }

    @Override
    public void put(String name, byte[] document) {
        store.put(CollectionNames.TOPIC_RULES, name, document);
    }

    @Override
    public void delete(String name) {
        store.delete(CollectionNames.TOPIC_RULES, name);
    }
}
