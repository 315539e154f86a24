package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.mqtt5.ReasonCode;

/**
 * A client packet that breaks one of AWS IoT's rules: what is wrong, for the log line, and the MQTT 5 reason code
 * AWS answers it with. An MQTT 3.1.1 client is disconnected instead ({@code CLIENT_ERROR}).
 */
record Violation(String problem, ReasonCode code) {
}
