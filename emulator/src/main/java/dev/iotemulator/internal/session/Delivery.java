package dev.iotemulator.internal.session;

/**
 * A message on its way to a session's client.
 *
 * @param retained whether it goes out with RETAIN set (only the stored retained message replayed on subscribe)
 */
record Delivery(String topic, byte[] payload, int qos, boolean retained) {
}
