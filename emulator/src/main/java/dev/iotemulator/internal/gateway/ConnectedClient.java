package dev.iotemulator.internal.gateway;

import java.util.List;

/** A connected client as {@code GET /__emulator/clients} lists it. */
record ConnectedClient(String clientId, String principal, String transport, String remoteAddress,
        List<String> subscriptions) {
}
