package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.AttributePayload;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iot.model.VersionConflictException;

/**
 * The AWS SDK for Java v2 {@code IotClient}, unmodified, against the control plane: a setup script's lifecycle that
 * ends with a device connecting over MQTT with TLS, paging, and AWS's error codes.
 */
class ControlPlaneSdkTest {

    private static final String DEVICE_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "iot:Connect",
               "Resource": "arn:aws:iot:us-east-1:000000000000:client/${iot:Connection.Thing.ThingName}"},
              {"Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"],
               "Resource": "arn:aws:iot:us-east-1:000000000000:topic/${iot:Connection.Thing.ThingTypeName}/${iot:Connection.Thing.Attributes[room]}/*"},
              {"Effect": "Allow", "Action": "iot:Subscribe",
               "Resource": "arn:aws:iot:us-east-1:000000000000:topicfilter/${iot:Connection.Thing.ThingTypeName}/${iot:Connection.Thing.Attributes[room]}/*"}
            ]}""";

    private static IotEmulator emulator;
    private static IotClient iot;

    @BeforeAll
    static void start() {
        emulator = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
        iot = ControlPlaneClients.iot(emulator.endpoints());
    }

    @AfterAll
    static void stop() {
        iot.close();
        emulator.close();
    }

    @Test
    void a_setup_script_lifecycle_authorizes_a_device_by_its_thing_until_the_certificate_is_deactivated()
            throws Exception {
        iot.createThingType(r -> r.thingTypeName("lamp").thingTypeProperties(p -> p.thingTypeDescription("lamps")));
        String thingArn = iot.createThing(r -> r.thingName("lamp-1").thingTypeName("lamp")
                .attributePayload(AttributePayload.builder().attributes(Map.of("room", "kitchen")).build()))
                .thingArn();
        assertEquals("arn:aws:iot:us-east-1:000000000000:thing/lamp-1", thingArn);
        assertEquals("kitchen", iot.describeThing(r -> r.thingName("lamp-1")).attributes().get("room"));
        iot.createPolicy(r -> r.policyName("LampPolicy").policyDocument(DEVICE_POLICY));
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.attachPolicy(r -> r.policyName("LampPolicy").target(keys.certificateArn()));
        iot.attachThingPrincipal(r -> r.thingName("lamp-1").principal(keys.certificateArn()));
        String endpoint = iot.describeEndpoint(r -> r.endpointType("iot:Data-ATS")).endpointAddress();
        assertEquals("localhost", endpoint);
        assertEquals(List.of(keys.certificateArn()), iot.listThingPrincipals(r -> r.thingName("lamp-1"))
                .principals());
        assertEquals(List.of("lamp-1"), iot.listPrincipalThings(r -> r.principal(keys.certificateArn())).things());

        DeviceCertificate device = new DeviceCertificate(keys.certificateId(), keys.certificateArn(),
                keys.certificatePem(), keys.keyPair().publicKey(), keys.keyPair().privateKey());
        Path ca = emulator.endpoints().caCertificateFile().orElseThrow();
        String uri = "ssl://" + endpoint + ":" + emulator.endpoints().mqttsPort();
        try (PahoClients.Client lamp = PahoClients.connectTls(uri, "lamp-1", TlsMaterial.socketFactory(ca, device))) {
            lamp.paho.subscribe("lamp/kitchen/state", 1);
            lamp.paho.publish("lamp/kitchen/state", "on".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("on", new String(lamp.next().message().getPayload(), StandardCharsets.UTF_8));
        }
        try (PahoClients.Client lamp = PahoClients.connectTls(uri, "lamp-1", TlsMaterial.socketFactory(ca, device))) {
            assertThrows(MqttException.class, () -> lamp.paho.subscribe("lamp/bedroom/state", 1),
                    "another room is not the thing's attribute");
        }

        try (PahoClients.Client lamp = PahoClients.connectTls(uri, "lamp-1", TlsMaterial.socketFactory(ca, device))) {
            iot.updateCertificate(r -> r.certificateId(keys.certificateId()).newStatus(CertificateStatus.INACTIVE));
            Await.until(() -> !lamp.paho.isConnected(), java.time.Duration.ofSeconds(10),
                    () -> "the device with the deactivated certificate is still connected");
        }
        assertThrows(MqttException.class, () -> PahoClients.connectTls(uri, "lamp-1",
                TlsMaterial.refusable(ca, device)).close(), "an INACTIVE certificate cannot connect");
        assertEquals(CertificateStatus.INACTIVE, iot.describeCertificate(r -> r.certificateId(keys.certificateId()))
                .certificateDescription().status());
    }

    @Test
    void list_things_pages_through_250_things_and_filters_by_attribute() {
        for (int i = 0; i < 250; i++) {
            String name = String.format("paged-%03d", i);
            iot.createThing(r -> r.thingName(name).attributePayload(a -> a.attributes(Map.of("batch", "paging"))));
        }
        List<String> names = iot.listThingsPaginator(r -> r.maxResults(100).attributeName("batch")
                .attributeValue("paging")).things().stream().map(ThingAttribute::thingName).toList();
        assertEquals(250, names.size());
        assertEquals("paged-000", names.get(0));
        assertEquals("paged-249", names.get(249));
        var first = iot.listThings(r -> r.maxResults(100).attributeName("batch").attributeValue("paging"));
        assertEquals(100, first.things().size());
        assertTrue(first.nextToken() != null, "a first page of 100 of 250 has a next page");
    }

    @Test
    void errors_carry_aws_codes_for_a_duplicate_a_missing_resource_and_a_version_conflict() {
        iot.createPolicy(r -> r.policyName("Twice").policyDocument(DEVICE_POLICY));
        ResourceAlreadyExistsException duplicate = assertThrows(ResourceAlreadyExistsException.class,
                () -> iot.createPolicy(r -> r.policyName("Twice").policyDocument(DEVICE_POLICY)));
        assertEquals(409, duplicate.statusCode());

        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> iot.describeThing(r -> r.thingName("no-such-thing")));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.getMessage().contains("no-such-thing"), missing.getMessage());

        iot.createThing(r -> r.thingName("versioned"));
        iot.updateThing(r -> r.thingName("versioned").expectedVersion(1L)
                .attributePayload(a -> a.attributes(Map.of("firmware", "1.1"))));
        assertEquals(2L, iot.describeThing(r -> r.thingName("versioned")).version());
        VersionConflictException conflict = assertThrows(VersionConflictException.class,
                () -> iot.updateThing(r -> r.thingName("versioned").expectedVersion(1L)));
        assertEquals(409, conflict.statusCode());
    }

    @Test
    void an_operation_the_emulator_does_not_emulate_names_itself() {
        IotException e = assertThrows(IotException.class, () -> iot.listAuditTasks(r -> r
                .startTime(java.time.Instant.now().minusSeconds(60)).endTime(java.time.Instant.now())));
        assertEquals("NotImplementedException", e.awsErrorDetails().errorCode());
        assertTrue(e.getMessage().contains("ListAuditTasks") && e.getMessage().contains("not emulated"),
                e.getMessage());
    }

    @Test
    void a_certificate_made_by_the_admin_api_is_the_control_planes_certificate() {
        DeviceCertificate device = emulator.createDeviceCertificate("shared-thing", "AllowEverything");
        assertEquals(CertificateStatus.ACTIVE, iot.describeCertificate(r -> r.certificateId(device.certificateId()))
                .certificateDescription().status());
        assertEquals(List.of("AllowEverything"), iot.listAttachedPolicies(r -> r.target(device.certificateArn()))
                .policies().stream().map(p -> p.policyName()).toList());
        assertEquals(List.of("shared-thing"), iot.listPrincipalThings(r -> r.principal(device.certificateArn()))
                .things());
    }
}
