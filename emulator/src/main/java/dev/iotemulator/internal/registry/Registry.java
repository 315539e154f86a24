package dev.iotemulator.internal.registry;

import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.store.CollectionNames;
import dev.iotemulator.internal.store.DocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * AWS IoT's registry: things, thing types, static thing groups, policies, certificates, and what is attached to what.
 * The control plane, the admin API and the in-process API all work on this one registry, and the authorizer reads it
 * on every CONNECT, PUBLISH, SUBSCRIBE and delivery: a change takes effect on the next packet.
 *
 * <p>Reads never block; every change runs under one lock and bumps {@link #version()}, which lets readers cache what
 * they derive from the registry until it changes. Refusals are {@code ApiException}s with AWS's error codes.
 */
public final class Registry {

    private final Arns arns;
    private final Documents documents;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong();
    private final List<Consumer<RegistryEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Things things;
    private final ThingTypes types;
    private final ThingGroups groups;
    private final Policies policies;
    private final Certificates certificates;
    private final Attachments attachments;

    /** A registry kept in memory only. */
    public Registry(Arns arns, Clock clock) {
        this(arns, clock, DocumentStore.inMemory());
    }

    /** A registry kept in {@code store}, starting with what it already holds. */
    public Registry(Arns arns, Clock clock, DocumentStore store) {
        this.arns = arns;
        this.clock = clock;
        this.documents = new Documents(store);
        this.attachments = new Attachments(this);
        this.types = new ThingTypes(this);
        this.groups = new ThingGroups(this);
        this.things = new Things(this);
        this.policies = new Policies(this);
        this.certificates = new Certificates(this);
        restore();
    }

    /** Reads back what the store holds, types before things before groups, attachments last. */
    private void restore() {
        documents.all(CollectionNames.THING_TYPES, ThingType.class).values().forEach(types::restore);
        documents.all(CollectionNames.THINGS, Thing.class).values().forEach(things::restore);
        documents.all(CollectionNames.THING_GROUPS, ThingGroups.Stored.class).values()
                .forEach(g -> groups.restore(g.group(), g.members()));
        documents.all(CollectionNames.POLICIES, Policy.class).values().forEach(policies::restore);
        documents.all(CollectionNames.CERTIFICATES, Certificate.class).values().forEach(certificates::restore);
        documents.all(CollectionNames.POLICY_TARGETS, String[].class)
                .forEach((target, names) -> attachments.restorePolicies(target, java.util.List.of(names)));
        documents.all(CollectionNames.THING_PRINCIPALS, String[].class)
                .forEach((thing, principals) -> attachments.restorePrincipals(thing, java.util.List.of(principals)));
    }

    /** Where the tables keep their records. */
    Documents documents() {
        return documents;
    }

    public Things things() {
        return things;
    }

    public ThingTypes thingTypes() {
        return types;
    }

    public ThingGroups thingGroups() {
        return groups;
    }

    public Policies policies() {
        return policies;
    }

    public Certificates certificates() {
        return certificates;
    }

    public Attachments attachments() {
        return attachments;
    }

    public Arns arns() {
        return arns;
    }

    /**
     * Adds a device certificate and what it needs in one step, as a setup script would with CreateKeysAndCertificate,
     * CreateThing, AttachThingPrincipal and AttachPolicy: things that do not exist yet are created; every policy must
     * exist.
     */
    public Certificate enroll(String pem, Certificate.Status status, String source, List<String> policies,
            List<String> thingNames) {
        policies.forEach(this.policies::require);
        Certificate c = certificates.register(pem, status, source);
        String arn = arns.certificate(c.id());
        for (String thing : thingNames) {
            things.create(thing, things.find(thing).map(Thing::typeName).orElse(null),
                    things.find(thing).map(Thing::attributes).orElse(java.util.Map.of()));
            attachments.attachThingPrincipal(thing, arn);
        }
        policies.forEach(p -> attachments.attachPolicy(p, arn));
        return c;
    }

    /** How many changes the registry has seen; readers cache what they derive from it until it moves. */
    public long version() {
        return version.get();
    }

    /** Calls {@code listener} after every change, outside the registry's lock. */
    public void listen(Consumer<RegistryEvent> listener) {
        listeners.add(listener);
    }

    Instant now() {
        return clock.instant();
    }

    /** Runs a change under the registry's lock, then tells the listeners. */
    <T> T change(java.util.function.Supplier<T> change, java.util.function.Function<T, RegistryEvent> event) {
        T result;
        synchronized (this) {
            result = change.get();
            version.incrementAndGet();
        }
        RegistryEvent e = event.apply(result);
        if (e != null) {
            listeners.forEach(l -> l.accept(e));
        }
        return result;
    }

    /** {@link #change} for changes without a result worth telling. */
    void change(Runnable change, RegistryEvent event) {
        change(() -> {
            change.run();
            return null;
        }, ignored -> event);
    }
}
