package dev.iotemulator.internal.admin;

import dev.iotemulator.ConnectedClient;
import java.time.Instant;

/**
 * A connected client as the admin API and the console show it: the public {@link ConnectedClient} and what only they
 * show.
 *
 * @param protocolVersion the MQTT protocol level of its CONNECT (4 = 3.1.1)
 * @param keepAliveSeconds the keep-alive it asked for
 * @param connectedAt when its CONNACK went out
 * @param queued messages waiting in its session's queue
 * @param inFlight QoS 1 messages sent to it and not yet acknowledged
 */
public record ClientDetails(ConnectedClient client, int protocolVersion, int keepAliveSeconds, Instant connectedAt,
        int queued, int inFlight) {
}
