package dev.iotemulator.internal.session;

/**
 * A message on its way to a session's client.
 *
 * @param retained whether it goes out with RETAIN set (only the stored retained message replayed on subscribe)
 * @param storeSeq its sequence number in the {@link SessionStore} when a persistent session has written it there; 0
 *     when it lives only in memory
 */
record Delivery(String topic, byte[] payload, int qos, boolean retained, long storeSeq) {

    Delivery(String topic, byte[] payload, int qos, boolean retained) {
        this(topic, payload, qos, retained, 0);
    }

    Delivery stored(long seq) {
        return new Delivery(topic, payload, qos, retained, seq);
    }

    boolean isStored() {
        return storeSeq != 0;
    }
}
