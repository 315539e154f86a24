/**
 * AWS IoT Core's MQTT 5 rules as plain values, with no Netty: what the server advertises in CONNACK, the reason codes
 * it answers with, message and session expiry, topic aliases both ways, and the encoded size of a PUBLISH (developer
 * guide, "MQTT", MQTT 5 supported features and differences from the specification). The connection package turns
 * them into packets.
 */
package dev.iotemulator.internal.mqtt5;
