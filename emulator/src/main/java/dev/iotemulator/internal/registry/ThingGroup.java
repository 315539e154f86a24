package dev.iotemulator.internal.registry;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A static thing group, as DescribeThingGroup shows it.
 *
 * @param parent the parent group's name, or null for a root group
 */
public record ThingGroup(String name, String id, String parent, String description, Map<String, String> attributes,
        long version, Instant creationDate) {

    public ThingGroup {
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
