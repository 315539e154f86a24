package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's set-up recipe, {@code scripts/aws-cli-setup-device.sh}, run with the real AWS CLI v2 against the
 * emulator; then a device connects over MQTT with TLS with the certificate it wrote, is authorized by the policy it
 * created, and is refused once {@code aws iot update-certificate --new-status INACTIVE} has run.
 */
class AwsCliSetupScriptTest {

    @TempDir
    Path dir;

    @Test
    void the_aws_cli_setup_script_provisions_a_device_that_connects_until_its_certificate_is_deactivated()
            throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
            Path script = Path.of(System.getProperty("iotemulator.scriptsDir", "../scripts"))
                    .resolve("aws-cli-setup-device.sh").toAbsolutePath();
            Path out = dir.resolve("device");
            String printed = AwsCli.run(iot.endpoints(), dir, List.of("bash", script.toString(), "cli-sensor",
                    out.toString(), "http://127.0.0.1:" + iot.endpoints().httpPort()));
            Map<String, String> result = printed.lines().filter(l -> l.contains("="))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
            assertEquals("localhost", result.get("endpoint"), printed);
            String id = result.get("certificateId");

            DeviceCertificate device = new DeviceCertificate(id, result.get("certificateArn"),
                    Files.readString(out.resolve("certificate.pem.crt")), "",
                    Files.readString(out.resolve("private.pem.key")));
            Path ca = iot.endpoints().caCertificateFile().orElseThrow();
            String uri = "ssl://" + result.get("endpoint") + ":" + iot.endpoints().mqttsPort();
            try (PahoClients.Client sensor = PahoClients.connectTls(uri, "cli-sensor",
                    TlsMaterial.socketFactory(ca, device))) {
                sensor.paho.subscribe("sensor/lab/cli-sensor/temperature", 1);
                sensor.paho.publish("sensor/lab/cli-sensor/temperature", "19.5".getBytes(StandardCharsets.UTF_8),
                        1, false);
                assertEquals("19.5", new String(sensor.next().message().getPayload(), StandardCharsets.UTF_8));
            }
            assertThrows(MqttException.class, () -> PahoClients.connectTls(uri, "another-client",
                    TlsMaterial.socketFactory(ca, device)).close(), "the policy allows only the thing's client id");

            AwsCli.iot(iot.endpoints(), dir, "update-certificate", "--certificate-id", id, "--new-status",
                    "INACTIVE");
            assertTrue(AwsCli.iot(iot.endpoints(), dir, "describe-certificate", "--certificate-id", id, "--query",
                    "certificateDescription.status").contains("INACTIVE"));
            assertThrows(MqttException.class, () -> PahoClients.connectTls(uri, "cli-sensor",
                    TlsMaterial.refusable(ca, device)).close(), "an INACTIVE certificate cannot connect");
        }
    }
}
