package dev.iotemulator.internal.registry;

import java.time.Instant;
import java.util.List;

/** A thing type, as DescribeThingType shows it; a deprecated type cannot be given to things. */
public record ThingType(String name, String id, String description, List<String> searchableAttributes,
        boolean deprecated, Instant deprecationDate, Instant creationDate) {

    public ThingType {
        searchableAttributes = List.copyOf(searchableAttributes);
    }

    ThingType deprecated(boolean deprecate, Instant when) {
        return new ThingType(name, id, description, searchableAttributes, deprecate, deprecate ? when : null,
                creationDate);
    }
}
