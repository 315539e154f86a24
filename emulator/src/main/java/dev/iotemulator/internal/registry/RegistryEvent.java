package dev.iotemulator.internal.registry;

/** A change to the registry that other parts act on (disconnecting devices, continuous jobs, persistence). */
public sealed interface RegistryEvent {

    /** A certificate's status changed, or it was deleted ({@code status} null). */
    record CertificateChanged(String certificateId, Certificate.Status status) implements RegistryEvent {
    }

    /** A thing joined a static thing group. */
    record ThingAddedToGroup(String thingName, String groupName) implements RegistryEvent {
    }

    /** A thing left a static thing group. */
    record ThingRemovedFromGroup(String thingName, String groupName) implements RegistryEvent {
    }

    /** A thing was deleted. */
    record ThingDeleted(String thingName) implements RegistryEvent {
    }

    /** Anything else: a record was created, updated, attached or detached. */
    record Changed(String what) implements RegistryEvent {
    }
}
