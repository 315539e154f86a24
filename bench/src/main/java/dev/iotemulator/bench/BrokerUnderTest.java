package dev.iotemulator.bench;

/**
 * A running broker as the scenarios see it: a name, its two endpoints, and its process id for memory probes.
 *
 * @param jvm true when the process is a JVM whose heap {@code jcmd} can measure
 */
record BrokerUnderTest(String name, Endpoint webSocket, Endpoint tcp, long pid, boolean jvm) {
}
