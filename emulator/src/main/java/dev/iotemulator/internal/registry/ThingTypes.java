package dev.iotemulator.internal.registry;

import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.store.CollectionNames;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Thing types (AWS IoT Developer Guide, "Thing types"): a deprecated type cannot be given to things, deprecation can
 * be undone, and only a deprecated type that no thing uses can be deleted. AWS also waits 5 minutes after deprecating
 * before allowing the delete; the emulator does not.
 */
public final class ThingTypes {

    private final Registry registry;
    private final Map<String, ThingType> byName = new ConcurrentHashMap<>();

    ThingTypes(Registry registry) {
        this.registry = registry;
    }

    /** CreateThingType; the same name again is ResourceAlreadyExists. */
    public ThingType create(String name, String description, List<String> searchableAttributes) {
        Names.thing(name, "thingTypeName");
        return registry.change(() -> {
            ThingType existing = byName.get(name);
            if (existing != null) {
                if (java.util.Objects.equals(existing.description(), description)
                        && existing.searchableAttributes().equals(searchableAttributes)) {
                    return existing;
                }
                throw ApiError.RESOURCE_ALREADY_EXISTS.with("Thing type " + name + " already exists with a "
                        + "different configuration");
            }
            ThingType type = new ThingType(name, UUID.randomUUID().toString(), description, searchableAttributes,
                    false, null, registry.now());
            byName.put(name, type);
            registry.documents().put(CollectionNames.THING_TYPES, name, type);
            return type;
        }, t -> new RegistryEvent.Changed("thing type " + name));
    }

    public Optional<ThingType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public ThingType require(String name) {
        return find(name).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with("Thing Type " + name
                + " does not exist"));
    }

    /** DeprecateThingType, or undoes it. */
    public void deprecate(String name, boolean undo) {
        registry.change(() -> {
            ThingType deprecated = require(name).deprecated(!undo, registry.now());
            byName.put(name, deprecated);
            registry.documents().put(CollectionNames.THING_TYPES, name, deprecated);
        }, new RegistryEvent.Changed("thing type " + name));
    }

    /** DeleteThingType: only once deprecated, and only when no thing has the type. */
    public void delete(String name) {
        registry.change(() -> {
            ThingType type = require(name);
            if (!type.deprecated()) {
                throw ApiError.INVALID_REQUEST.with("Thing type " + name + " is not deprecated; deprecate it before "
                        + "deleting it.");
            }
            if (registry.things().usesType(name)) {
                throw ApiError.INVALID_REQUEST.with("Can not delete thing type " + name + " with things associated "
                        + "with it.");
            }
            byName.remove(name);
            registry.documents().delete(CollectionNames.THING_TYPES, name);
        }, new RegistryEvent.Changed("thing type " + name));
    }

    /** Every type, by name; with {@code name} only that one. */
    public List<ThingType> list(String name) {
        return byName.values().stream().filter(t -> name == null || t.name().equals(name))
                .sorted(Comparator.comparing(ThingType::name)).toList();
    }

    void restore(ThingType type) {
        byName.put(type.name(), type);
    }
}
