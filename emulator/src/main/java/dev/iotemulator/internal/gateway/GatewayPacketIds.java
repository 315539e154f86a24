package dev.iotemulator.internal.gateway;

import java.util.HashSet;
import java.util.Set;

/**
 * Packet ids for the QoS 1 messages the gateway itself sends a client (retained messages on subscribe). The broker
 * numbers its own deliveries upwards from 1, so the gateway takes ids from the top of the range and remembers them,
 * to swallow the client's PUBACKs for them instead of confusing the broker.
 */
final class GatewayPacketIds {

    private static final int HIGHEST = 65535;
    private static final int LOWEST = 49152;

    private final Set<Integer> outstanding = new HashSet<>();
    private int next = HIGHEST;

    int allocate() {
        for (int tries = 0; tries <= HIGHEST - LOWEST; tries++) {
            int id = next;
            next = next == LOWEST ? HIGHEST : next - 1;
            if (outstanding.add(id)) {
                return id;
            }
        }
        throw new IllegalStateException("more than " + (HIGHEST - LOWEST + 1) + " unacknowledged gateway messages");
    }

    /** Whether the client's PUBACK answers one of the gateway's own messages (and forgets it if so). */
    boolean acknowledge(int packetId) {
        return outstanding.remove(packetId);
    }
}
