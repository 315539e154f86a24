package dev.iotemulator.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes on the plain MQTT port go through the gateway's whole MQTT path (decoder, AWS's packet rules, the
 * connection steps, sessions, the broker): whatever arrives, the emulator stays healthy for everyone else.
 */
class MqttWireFuzzTest extends WireFuzzing.OnARunningEmulator {

    static final WireFuzzing WIRE = new WireFuzzing();

    @FuzzTest(maxDuration = "15s")
    void any_bytes_on_the_mqtt_port_leave_the_emulator_healthy(byte[] input) throws Exception {
        WireFuzzing.exchange(iot.endpoints().mqttPort(), input);
        WIRE.checkHealthNowAndThen(iot);
    }
}
