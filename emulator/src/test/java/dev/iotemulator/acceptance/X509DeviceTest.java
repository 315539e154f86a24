package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * X.509 device identities: the CA and created certificates survive a restart, certificates registered in
 * configuration, certificate and thing policy variables, lifecycle events, ALPN {@code x-amzn-mqtt-ca} on the HTTPS
 * port, and the certificate admin routes.
 */
class X509DeviceTest {

    private static final String THING_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "iot:Connect",
               "Resource": "arn:aws:iot:us-east-1:000000000000:client/${iot:Connection.Thing.ThingName}",
               "Condition": {"Bool": {"iot:Connection.Thing.IsAttached": "true"}}},
              {"Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"],
               "Resource": "arn:aws:iot:us-east-1:000000000000:topic/things/${iot:Connection.Thing.ThingName}/*"},
              {"Effect": "Allow", "Action": "iot:Subscribe",
               "Resource": "arn:aws:iot:us-east-1:000000000000:topicfilter/things/${iot:Connection.Thing.ThingName}/*"}
            ]}""";

    private static final String COMMON_NAME_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "iot:Connect",
               "Resource": "arn:aws:iot:us-east-1:000000000000:client/${iot:Certificate.Subject.CommonName}"}
            ]}""";

    @TempDir
    Path dir;

    private static EmulatorOptions.Builder options() {
        return EmulatorOptions.builder().dynamicPorts();
    }

    @Test
    void the_ca_and_created_certificates_survive_a_restart_with_the_same_data_directory() throws Exception {
        Path data = dir.resolve("data");
        String caBefore;
        DeviceCertificate device;
        try (IotEmulator iot = IotEmulator.start(options().dataDir(data).build())) {
            caBefore = iot.caCertificatePem();
            device = iot.createDeviceCertificate("keeper", "AllowEverything");
            assertEquals(data.resolve("ca").resolve("root-ca.pem"), iot.endpoints().caCertificateFile().orElseThrow());
        }
        try (IotEmulator iot = IotEmulator.start(options().dataDir(data).build())) {
            assertEquals(caBefore, iot.caCertificatePem(), "same CA after a restart");
            connect(iot, "keeper", TlsMaterial.socketFactory(ca(iot), device)).close();
        }
        try (IotEmulator other = IotEmulator.start(options().build())) {
            assertNotEquals(caBefore, other.caCertificatePem(), "without a data directory, the in-memory CA, not the kept one");
        }
    }

    @Test
    void a_tls_client_that_connects_as_soon_as_start_returns_is_served_once_tls_is_ready() throws Exception {
        // TLS is set up in the background during start(); a handshake that comes first waits for it.
        try (IotEmulator iot = IotEmulator.start(options().build())) {
            javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
            trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("localhost",
                    iot.endpoints().httpsPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /__emulator/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 200", status);
                java.security.cert.X509Certificate server = (java.security.cert.X509Certificate) socket.getSession()
                        .getPeerCertificates()[0];
                server.verify(TlsMaterial.certificates(ca(iot)).get(0).getPublicKey());
            }
        }
    }

    @Test
    void thing_policy_variables_scope_a_certificate_to_its_own_thing() throws Exception {
        PolicyFixtures.writeCredentials(dir, "AKIDTHINGTEST=AllowEverything");
        PolicyFixtures.writePolicy(dir, "AllowEverything", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:*", "Resource": "*"}]}""");
        PolicyFixtures.writePolicy(dir, "ThingScoped", THING_POLICY);
        try (IotEmulator iot = IotEmulator.start(options().configDir(dir).build())) {
            DeviceCertificate device = iot.createDeviceCertificate("sensor-7", "ThingScoped");
            iot.createDeviceCertificate("sensor-8", "ThingScoped");
            SSLSocketFactory tls = TlsMaterial.socketFactory(ca(iot), device);
            try (PahoClients.Client own = connect(iot, "sensor-7", tls)) {
                own.paho.subscribe("things/sensor-7/commands", 1);
                own.paho.publish("things/sensor-7/commands", "mine".getBytes(StandardCharsets.UTF_8), 1, false);
                assertEquals("mine", new String(own.next().message().getPayload(), StandardCharsets.UTF_8));
            }
            assertThrows(MqttException.class, () -> connect(iot, "sensor-8", tls).close(),
                    "sensor-8 is a thing, but not attached to this certificate");
            assertThrows(MqttException.class, () -> connect(iot, "not-a-thing", tls).close(),
                    "no thing of that name: the variable has no value");
            JsonNode denials = PolicyFixtures.get(iot, "/__emulator/policies/denials");
            assertTrue(denials.toString().contains(device.certificateId()), denials.toString());
        }
    }

    @Test
    void a_certificate_registered_in_configuration_connects_and_its_subject_is_a_policy_variable() throws Exception {
        DeviceCertificate outside = TlsMaterial.selfSigned("CN=cn-device,O=Example Corp");
        Files.createDirectories(dir.resolve("certificates"));
        Files.writeString(dir.resolve("certificates/cn-device.pem"), outside.certificatePem());
        Files.writeString(dir.resolve("certificates.json"), """
                {"certificates": [{"name": "cn-device", "certificateFile": "certificates/cn-device.pem",
                                   "policies": ["CommonName"]}]}""");
        PolicyFixtures.writeCredentials(dir, "AKIDCNTEST");
        PolicyFixtures.writePolicy(dir, "CommonName", COMMON_NAME_POLICY);
        try (IotEmulator iot = IotEmulator.start(options().configDir(dir).build())) {
            SSLSocketFactory tls = TlsMaterial.socketFactory(ca(iot), outside);
            connect(iot, "cn-device", tls).close();
            assertThrows(MqttException.class, () -> connect(iot, "other-id", tls).close());
        }
    }

    @Test
    void a_broken_certificates_file_fails_startup_with_the_file_and_the_path() throws Exception {
        PolicyFixtures.writeCredentials(dir, "AKIDBROKEN");
        Files.writeString(dir.resolve("certificates.json"), """
                {"certificates": [{"certificateFile": "../../etc/passwd"}]}""");
        var e = assertThrows(dev.iotemulator.ConfigurationException.class,
                () -> IotEmulator.start(options().configDir(dir).build()).close());
        assertTrue(e.getMessage().contains("certificates.json") && e.getMessage().contains("certificateFile"),
                e.getMessage());
    }

    @Test
    void lifecycle_events_name_the_certificate_id_as_principal() throws Exception {
        try (IotEmulator iot = IotEmulator.start(options().build());
                LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "x509-observer")) {
            DeviceCertificate device = iot.createDeviceCertificate("life", "AllowEverything");
            connect(iot, "life", TlsMaterial.socketFactory(ca(iot), device)).close();
            JsonNode connected = observer.await("$aws/events/presence/connected/life").body();
            assertEquals(device.certificateId(), connected.get("principalIdentifier").asText());
        }
    }

    @Test
    void mqtt_with_a_client_certificate_works_on_the_https_port_with_alpn_x_amzn_mqtt_ca() throws Exception {
        try (IotEmulator iot = IotEmulator.start(options().build())) {
            DeviceCertificate device = iot.createDeviceCertificate("alpn-thing", "AllowEverything");
            // Paho replaces the socket's SSLParameters (for SNI) and so drops ALPN: speak MQTT over a raw socket.
            assertEquals(0, alpnConnect(iot, TlsMaterial.socketFactory(ca(iot), device), "alpn-thing"),
                    "CONNACK accepted");
            assertEquals(device.certificateId(), iot.journal().entries().stream()
                    .filter(e -> "alpn-thing".equals(e.clientId())).findFirst().orElseThrow().principal());
            assertEquals(5, alpnConnect(iot, TlsMaterial.socketFactory(ca(iot), null), "no-cert"),
                    "ALPN MQTT without a client certificate: CONNACK not authorized");
            assertThrows(MqttException.class, () -> connect(iot, "no-cert",
                    TlsMaterial.refusable(ca(iot), null)).close(), "port 8883 without a client certificate");
        }
    }

    /** MQTT CONNECT over TLS with ALPN {@code x-amzn-mqtt-ca} to the HTTPS port; the CONNACK return code. */
    private static int alpnConnect(IotEmulator iot, SSLSocketFactory factory, String clientId) throws Exception {
        try (SSLSocket socket = (SSLSocket) factory.createSocket("localhost", iot.endpoints().httpsPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"x-amzn-mqtt-ca"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            assertEquals("x-amzn-mqtt-ca", socket.getApplicationProtocol());
            byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream connect = new ByteArrayOutputStream();
            connect.write(new byte[] {0x10, (byte) (12 + id.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0,
                    (byte) id.length});
            connect.write(id);
            socket.getOutputStream().write(connect.toByteArray());
            socket.getOutputStream().flush();
            byte[] connack = socket.getInputStream().readNBytes(4);
            assertEquals(4, connack.length, "no CONNACK");
            assertEquals(0x20, connack[0] & 0xff);
            return connack[3];
        }
    }

    @Test
    void the_admin_routes_create_list_and_revoke_certificates_and_serve_the_ca_over_https_too() throws Exception {
        try (IotEmulator iot = IotEmulator.start(options().build())) {
            HttpResponse<String> created = PolicyFixtures.post(iot, "/__emulator/certificates",
                    "{\"thingName\":\"http-thing\",\"policies\":[\"AllowEverything\"]}");
            assertEquals(200, created.statusCode(), created.body());
            JsonNode body = PolicyFixtures.JSON.readTree(created.body());
            String id = body.get("certificateId").asText();
            assertEquals("arn:aws:iot:us-east-1:000000000000:cert/" + id, body.get("certificateArn").asText());
            assertTrue(body.path("keyPair").path("PrivateKey").asText().startsWith("-----BEGIN RSA PRIVATE KEY-----"));
            assertEquals("ACTIVE", body.get("status").asText());
            DeviceCertificate device = new DeviceCertificate(id, "", body.get("certificatePem").asText(),
                    body.path("keyPair").path("PublicKey").asText(), body.path("keyPair").path("PrivateKey").asText());
            connect(iot, "http-thing", TlsMaterial.socketFactory(ca(iot), device)).close();

            assertTrue(PolicyFixtures.get(iot, "/__emulator/certificates").toString().contains(id));
            HttpResponse<String> unknown = PolicyFixtures.post(iot, "/__emulator/certificates",
                    "{\"policies\":[\"NoSuchPolicy\"]}");
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("NoSuchPolicy"), unknown.body());

            HttpClient http = HttpClient.newBuilder().sslContext(TlsMaterial.trusting(ca(iot))).build();
            URI https = iot.endpoints().httpsUri().orElseThrow();
            HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(https.resolve("/__emulator/certificates/"
                    + id)).PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"REVOKED\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertThrows(MqttException.class, () -> connect(iot, "http-thing",
                    TlsMaterial.refusable(ca(iot), device)).close());

            HttpResponse<String> caPem = http.send(HttpRequest.newBuilder(https.resolve("/__emulator/ca.pem")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(iot.caCertificatePem(), caPem.body());
            assertFalse(caPem.body().contains("PRIVATE"));
        }
    }

    private static Path ca(IotEmulator iot) {
        return iot.endpoints().caCertificateFile().orElseThrow();
    }

    private static PahoClients.Client connect(IotEmulator iot, String clientId, SSLSocketFactory factory)
            throws MqttException {
        return connect(iot.endpoints().mqttsUri().orElseThrow().toString(), clientId, factory);
    }

    private static PahoClients.Client connect(String uri, String clientId, SSLSocketFactory factory)
            throws MqttException {
        return PahoClients.connectTls(uri, clientId, factory);
    }
}
