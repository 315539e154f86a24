package dev.iotemulator.internal.registry;

import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.store.CollectionNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static thing groups: a hierarchy (a group names its parent) with direct members. A thing in a group is also in its
 * ancestors for recursive listings, for policies attached to groups, and for jobs that target a parent group.
 */
public final class ThingGroups {

    private final Registry registry;
    private final Map<String, ThingGroup> byName = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

    ThingGroups(Registry registry) {
        this.registry = registry;
    }

    /** CreateThingGroup; the same name and configuration again answers the existing group. */
    public ThingGroup create(String name, String parent, String description, Map<String, String> attributes) {
        Names.thing(name, "thingGroupName");
        Names.attributes(attributes);
        return registry.change(() -> {
            ThingGroup existing = byName.get(name);
            if (existing != null) {
                if (java.util.Objects.equals(existing.parent(), parent)
                        && java.util.Objects.equals(existing.description(), description)
                        && existing.attributes().equals(new java.util.TreeMap<>(attributes))) {
                    return existing;
                }
                throw ApiError.RESOURCE_ALREADY_EXISTS.with("Thing Group " + name + " already exists with a "
                        + "different configuration");
            }
            if (parent != null) {
                require(parent);
            }
            ThingGroup group = new ThingGroup(name, UUID.randomUUID().toString(), parent, description, attributes,
                    1, registry.now());
            byName.put(name, group);
            members.put(name, Set.of());
            save(name);
            return group;
        }, g -> new RegistryEvent.Changed("thing group " + name));
    }

    public Optional<ThingGroup> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public ThingGroup require(String name) {
        return find(name).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with("Thing Group " + name
                + " does not exist"));
    }

    /** AddThingToThingGroup; adding a member again changes nothing. */
    public void addThing(String groupName, String thingName) {
        registry.change(() -> {
            require(groupName);
            registry.things().require(thingName);
            Set<String> now = new TreeSet<>(members.getOrDefault(groupName, Set.of()));
            boolean changed = now.add(thingName);
            members.put(groupName, Set.copyOf(now));
            save(groupName);
            return changed;
        }, changed -> changed ? new RegistryEvent.ThingAddedToGroup(thingName, groupName) : null);
    }

    /** RemoveThingFromThingGroup. */
    public void removeThing(String groupName, String thingName) {
        registry.change(() -> {
            require(groupName);
            Set<String> now = new TreeSet<>(members.getOrDefault(groupName, Set.of()));
            boolean changed = now.remove(thingName);
            members.put(groupName, Set.copyOf(now));
            save(groupName);
            return changed;
        }, changed -> changed ? new RegistryEvent.ThingRemovedFromGroup(thingName, groupName) : null);
    }

    /** The things in a group, by name; with {@code recursive} those of its descendants too. */
    public List<String> thingsIn(String groupName, boolean recursive) {
        require(groupName);
        Set<String> things = new TreeSet<>(members.getOrDefault(groupName, Set.of()));
        if (recursive) {
            for (ThingGroup g : byName.values()) {
                if (!g.name().equals(groupName) && ancestors(g.name()).contains(groupName)) {
                    things.addAll(members.getOrDefault(g.name(), Set.of()));
                }
            }
        }
        return new ArrayList<>(things);
    }

    /** The groups a thing is directly in, and all their ancestors, nearest first. */
    public List<String> groupsOf(String thingName) {
        Set<String> groups = new LinkedHashSet<>();
        members.forEach((group, things) -> {
            if (things.contains(thingName)) {
                groups.add(group);
            }
        });
        for (String direct : List.copyOf(groups)) {
            groups.addAll(ancestors(direct));
        }
        return List.copyOf(groups);
    }

    /** ListThingGroups, by name. */
    public List<ThingGroup> list(String parent, String namePrefix, boolean recursive) {
        return byName.values().stream()
                .filter(g -> parent == null || (recursive ? ancestors(g.name()).contains(parent)
                        : parent.equals(g.parent())))
                .filter(g -> namePrefix == null || g.name().startsWith(namePrefix))
                .sorted(Comparator.comparing(ThingGroup::name)).toList();
    }

    /** DeleteThingGroup: a group with child groups cannot be deleted; a missing one is no error. */
    public void delete(String name) {
        registry.change(() -> {
            if (!byName.containsKey(name)) {
                return;
            }
            if (byName.values().stream().anyMatch(g -> name.equals(g.parent()))) {
                throw ApiError.INVALID_REQUEST.with("Cannot delete thing group : " + name + " when there are still "
                        + "child groups attached to it");
            }
            byName.remove(name);
            members.remove(name);
            registry.documents().delete(CollectionNames.THING_GROUPS, name);
        }, new RegistryEvent.Changed("thing group " + name));
    }

    /** Drops a deleted thing from every group; called under the registry's lock. */
    void forget(String thingName) {
        for (String group : List.copyOf(members.keySet())) {
            Set<String> things = members.get(group);
            if (things.contains(thingName)) {
                members.put(group, Set.copyOf(things.stream().filter(t -> !t.equals(thingName)).toList()));
                save(group);
            }
        }
    }

    /** A group as the store keeps it: the record and its direct members. */
    record Stored(ThingGroup group, Set<String> members) {
    }

    private void save(String name) {
        registry.documents().put(CollectionNames.THING_GROUPS, name, new Stored(byName.get(name),
                new TreeSet<>(members.getOrDefault(name, Set.of()))));
    }

    /** The parent chain of a group, parent first, without the group itself. */
    List<String> ancestors(String name) {
        List<String> chain = new ArrayList<>();
        ThingGroup g = byName.get(name);
        while (g != null && g.parent() != null && !chain.contains(g.parent())) {
            chain.add(g.parent());
            g = byName.get(g.parent());
        }
        return chain;
    }

    void restore(ThingGroup group, Set<String> things) {
        byName.put(group.name(), group);
        members.put(group.name(), Set.copyOf(things));
    }

    /** The direct members of a group, for persistence. */
    Set<String> members(String groupName) {
        return members.getOrDefault(groupName, Set.of());
    }
}
