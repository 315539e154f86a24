package dev.iotemulator.internal.registry;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A thing of the registry, as DescribeThing shows it.
 *
 * @param version the registry version: 1 when created, one more on every update
 */
public record Thing(String name, String id, String typeName, Map<String, String> attributes, long version,
        Instant creationDate) {

    public Thing {
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    Thing updated(String newType, Map<String, String> newAttributes) {
        return new Thing(name, id, newType, newAttributes, version + 1, creationDate);
    }
}
