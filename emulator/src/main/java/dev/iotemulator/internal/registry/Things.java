package dev.iotemulator.internal.registry;

import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.store.CollectionNames;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The things of the registry (AWS IoT Developer Guide, "Managing things with the registry"): CreateThing is
 * idempotent for the same configuration, a thing has at most 3 attributes without a thing type and 50 with one,
 * updates check {@code expectedVersion}, and a thing with principals attached cannot be deleted.
 */
public final class Things {

    static final int ATTRIBUTES_WITHOUT_TYPE = 3;
    static final int ATTRIBUTES_WITH_TYPE = 50;

    private final Registry registry;
    private final Map<String, Thing> byName = new ConcurrentHashMap<>();

    Things(Registry registry) {
        this.registry = registry;
    }

    /**
     * Creates a thing; the same name with the same type and attributes again succeeds and answers the existing one.
     *
     * @param typeName null for none
     */
    public Thing create(String name, String typeName, Map<String, String> attributes) {
        Names.thing(name, "thingName");
        Names.attributes(attributes);
        return registry.change(() -> {
            Thing existing = byName.get(name);
            if (existing != null) {
                if (java.util.Objects.equals(existing.typeName(), typeName)
                        && existing.attributes().equals(new TreeMap<>(attributes))) {
                    return existing;
                }
                throw ApiError.RESOURCE_ALREADY_EXISTS.with("Thing " + name + " already exists in account with "
                        + "different attributes");
            }
            checkType(typeName);
            checkAttributeCount(name, typeName, attributes);
            Thing thing = new Thing(name, UUID.randomUUID().toString(), typeName, attributes, 1, registry.now());
            byName.put(name, thing);
            registry.documents().put(CollectionNames.THINGS, name, thing);
            return thing;
        }, t -> new RegistryEvent.Changed("thing " + name));
    }

    public Optional<Thing> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The thing, or ResourceNotFound. */
    public Thing require(String name) {
        Thing thing = byName.get(name);
        if (thing == null) {
            throw ApiError.RESOURCE_NOT_FOUND.with("Thing " + name + " cannot be found.");
        }
        return thing;
    }

    /**
     * UpdateThing.
     *
     * @param typeName the new type, or null to keep it
     * @param attributes the attribute payload, or null to keep the attributes
     * @param merge merge {@code attributes} into the stored ones (an empty value removes a key) instead of replacing
     * @param expectedVersion null to skip the version check
     */
    public Thing update(String name, String typeName, boolean removeType, Map<String, String> attributes,
            boolean merge, Long expectedVersion) {
        if (attributes != null) {
            Names.attributes(attributes);
        }
        if (removeType && typeName != null) {
            throw ApiError.INVALID_REQUEST.with("You cannot set removeThingType to true and specify a thingTypeName "
                    + "in the same request.");
        }
        return registry.change(() -> {
            Thing thing = require(name);
            checkVersion(thing, expectedVersion);
            String newType = removeType ? null : typeName != null ? typeName : thing.typeName();
            if (typeName != null) {
                checkType(typeName);
            }
            Map<String, String> newAttributes = new TreeMap<>(thing.attributes());
            if (attributes != null) {
                if (!merge) {
                    newAttributes.clear();
                }
                attributes.forEach((k, v) -> {
                    if (v.isEmpty() && merge) {
                        newAttributes.remove(k);
                    } else {
                        newAttributes.put(k, v);
                    }
                });
            }
            checkAttributeCount(name, newType, newAttributes);
            Thing updated = thing.updated(newType, newAttributes);
            byName.put(name, updated);
            registry.documents().put(CollectionNames.THINGS, name, updated);
            return updated;
        }, t -> new RegistryEvent.Changed("thing " + name));
    }

    /** DeleteThing: a missing thing is no error; one with principals attached is. */
    public void delete(String name, Long expectedVersion) {
        registry.change(() -> {
            Thing thing = byName.get(name);
            if (thing == null) {
                return false;
            }
            checkVersion(thing, expectedVersion);
            if (!registry.attachments().principalsOf(name).isEmpty()) {
                throw ApiError.INVALID_REQUEST.with("Cannot delete. Thing " + name + " is still attached to one or "
                        + "more principals");
            }
            registry.thingGroups().forget(name);
            byName.remove(name);
            registry.documents().delete(CollectionNames.THINGS, name);
            return true;
        }, gone -> gone ? new RegistryEvent.ThingDeleted(name) : null);
    }

    /** Every thing that passes {@code filter}, by name. */
    public List<Thing> list(Predicate<Thing> filter) {
        return byName.values().stream().filter(filter).sorted(Comparator.comparing(Thing::name)).toList();
    }

    /** Whether any thing has the type {@code typeName}. */
    boolean usesType(String typeName) {
        return byName.values().stream().anyMatch(t -> typeName.equals(t.typeName()));
    }

    /** Puts a thing back as it was stored (loading a kept registry). */
    void restore(Thing thing) {
        byName.put(thing.name(), thing);
    }

    private void checkType(String typeName) {
        if (typeName == null) {
            return;
        }
        ThingType type = registry.thingTypes().find(typeName).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with(
                "Thing Type " + typeName + " does not exist"));
        if (type.deprecated()) {
            throw ApiError.INVALID_REQUEST.with("Can not create new thing with deprecated thing type: " + typeName);
        }
    }

    private static void checkAttributeCount(String name, String typeName, Map<String, String> attributes) {
        int max = typeName == null ? ATTRIBUTES_WITHOUT_TYPE : ATTRIBUTES_WITH_TYPE;
        if (attributes.size() > max) {
            throw ApiError.INVALID_REQUEST.with("Thing " + name + " would have " + attributes.size() + " attributes; "
                    + (typeName == null ? "a thing without a thing type may have 3 (give it a thing type for up to "
                    + "50)" : "a thing with a thing type may have 50"));
        }
    }

    private static void checkVersion(Thing thing, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != thing.version()) {
            throw ApiError.VERSION_CONFLICT.with("The version for thing " + thing.name() + " does not match the "
                    + "expected version.");
        }
    }
}
