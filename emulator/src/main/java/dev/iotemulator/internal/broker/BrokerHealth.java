package dev.iotemulator.internal.broker;

/**
 * Whether the embedded broker can do its work, and if not, why: what {@code GET /__emulator/health} reports.
 *
 * @param reason null when healthy; otherwise what is wrong and what to do
 */
public record BrokerHealth(boolean healthy, String reason) {

    static final BrokerHealth OK = new BrokerHealth(true, null);

    static BrokerHealth unhealthy(String reason) {
        return new BrokerHealth(false, reason);
    }
}
