package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.iot.iotidentity.IotIdentityClient;
import software.amazon.awssdk.iot.iotidentity.model.CreateKeysAndCertificateRequest;
import software.amazon.awssdk.iot.iotidentity.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.iot.iotidentity.model.CreateKeysAndCertificateSubscriptionRequest;
import software.amazon.awssdk.iot.iotidentity.model.ErrorResponse;
import software.amazon.awssdk.iot.iotidentity.model.RegisterThingRequest;
import software.amazon.awssdk.iot.iotidentity.model.RegisterThingResponse;
import software.amazon.awssdk.iot.iotidentity.model.RegisterThingSubscriptionRequest;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;

/**
 * Fleet provisioning by claim with the AWS IoT Device SDK for Java v2 {@code IotIdentityClient}: a device holding only a
 * claim certificate asks for keys and a certificate over MQTT, registers itself with a template the AWS SDK for Java v2
 * created, and reconnects with its own certificate as the thing the template made.
 */
class FleetProvisioningTest {

    private static final long WAIT = 15;
    private static final String ARN = "arn:aws:iot:us-east-1:000000000000:";

    @TempDir
    Path dir;

    @Test
    void a_device_provisioned_by_claim_gets_a_thing_and_an_active_certificate_and_connects_with_it()
            throws Exception {
        try (IotEmulator emulator = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
                IotClient iot = ControlPlaneClients.iot(emulator.endpoints())) {
            iot.createPolicy(r -> r.policyName("ClaimPolicy").policyDocument(claimPolicy()));
            iot.createPolicy(r -> r.policyName("SensorPolicy").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": "iot:Connect",
                       "Resource": "%sclient/${iot:Connection.Thing.ThingName}"},
                      {"Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"],
                       "Resource": "%stopic/sensors/${iot:Connection.Thing.ThingName}/*"},
                      {"Effect": "Allow", "Action": "iot:Subscribe",
                       "Resource": "%stopicfilter/sensors/${iot:Connection.Thing.ThingName}/*"}]}"""
                    .formatted(ARN, ARN, ARN)));
            iot.createProvisioningTemplate(r -> r.templateName("SensorFleet").enabled(true)
                    .provisioningRoleArn("arn:aws:iam::000000000000:role/IoTProvisioning").templateBody("""
                    {"Parameters": {"SerialNumber": {"Type": "String"}, "Site": {"Type": "String", "Default": "lab"}},
                     "Resources": {
                       "thing": {"Type": "AWS::IoT::Thing", "Properties": {
                         "ThingName": {"Fn::Join": ["", ["sensor-", {"Ref": "SerialNumber"}]]},
                         "AttributePayload": {"serial": {"Ref": "SerialNumber"}, "site": {"Ref": "Site"}}}},
                       "certificate": {"Type": "AWS::IoT::Certificate", "Properties": {
                         "CertificateId": {"Ref": "AWS::IoT::Certificate::Id"}, "Status": "ACTIVE"}},
                       "policy": {"Type": "AWS::IoT::Policy", "Properties": {"PolicyName": "SensorPolicy"}}},
                     "DeviceConfiguration": {"telemetryTopic": {"Fn::Sub": "sensors/sensor-${SerialNumber}/data"}}}
                    """));
            DeviceCertificate claim = emulator.createDeviceCertificate(null, "ClaimPolicy");
            Path ca = emulator.endpoints().caCertificateFile().orElseThrow();
            int port = emulator.endpoints().mqttsPort();

            CreateKeysAndCertificateResponse keys;
            RegisterThingResponse registered;
            DeviceCertificate.Files claimFiles = claim.writeTo(dir.resolve("claim"));
            try (DeviceSdkClients.Connection device = DeviceSdkClients.mtls("localhost", port, ca,
                    claimFiles.certificate(), claimFiles.privateKey(), "factory-device-0042")) {
                IotIdentityClient identity = new IotIdentityClient(device.mqtt());
                BlockingQueue<CreateKeysAndCertificateResponse> created = new LinkedBlockingQueue<>();
                BlockingQueue<RegisterThingResponse> accepted = new LinkedBlockingQueue<>();
                BlockingQueue<ErrorResponse> rejected = new LinkedBlockingQueue<>();
                CreateKeysAndCertificateSubscriptionRequest create = new CreateKeysAndCertificateSubscriptionRequest();
                identity.SubscribeToCreateKeysAndCertificateAccepted(create, QualityOfService.AT_LEAST_ONCE,
                        created::add).get(WAIT, TimeUnit.SECONDS);
                identity.SubscribeToCreateKeysAndCertificateRejected(create, QualityOfService.AT_LEAST_ONCE,
                        rejected::add).get(WAIT, TimeUnit.SECONDS);
                RegisterThingSubscriptionRequest register = new RegisterThingSubscriptionRequest();
                register.templateName = "SensorFleet";
                identity.SubscribeToRegisterThingAccepted(register, QualityOfService.AT_LEAST_ONCE, accepted::add)
                        .get(WAIT, TimeUnit.SECONDS);
                identity.SubscribeToRegisterThingRejected(register, QualityOfService.AT_LEAST_ONCE, rejected::add)
                        .get(WAIT, TimeUnit.SECONDS);

                identity.PublishCreateKeysAndCertificate(new CreateKeysAndCertificateRequest(),
                        QualityOfService.AT_LEAST_ONCE).get(WAIT, TimeUnit.SECONDS);
                keys = created.poll(WAIT, TimeUnit.SECONDS);
                assertNotNull(keys, "no CreateKeysAndCertificate answer; rejected: " + rejected);
                assertEquals(CertificateStatus.PENDING_ACTIVATION, iot.describeCertificate(r -> r.certificateId(
                        keys.certificateId)).certificateDescription().status());

                RegisterThingRequest request = new RegisterThingRequest();
                request.templateName = "SensorFleet";
                request.certificateOwnershipToken = keys.certificateOwnershipToken;
                request.parameters = new HashMap<>(Map.of("SerialNumber", "0042"));
                identity.PublishRegisterThing(request, QualityOfService.AT_LEAST_ONCE).get(WAIT, TimeUnit.SECONDS);
                registered = accepted.poll(WAIT, TimeUnit.SECONDS);
                assertNotNull(registered, "no RegisterThing answer; rejected: " + rejected);
            }
            assertEquals("sensor-0042", registered.thingName);
            assertEquals("sensors/sensor-0042/data", registered.deviceConfiguration.get("telemetryTopic"));
            assertEquals(CertificateStatus.ACTIVE, iot.describeCertificate(r -> r.certificateId(keys.certificateId))
                    .certificateDescription().status());
            assertEquals(Map.of("serial", "0042", "site", "lab"), iot.describeThing(r -> r.thingName("sensor-0042"))
                    .attributes());
            assertEquals(List.of(ARN + "cert/" + keys.certificateId), iot.listThingPrincipals(r -> r
                    .thingName("sensor-0042")).principals());

            Path own = Files.createDirectories(dir.resolve("own"));
            Files.writeString(own.resolve("cert.pem"), keys.certificatePem);
            Files.writeString(own.resolve("key.pem"), keys.privateKey);
            try (DeviceSdkClients.Connection sensor = DeviceSdkClients.mtls("localhost", port, ca,
                    own.resolve("cert.pem"), own.resolve("key.pem"), "sensor-0042")) {
                sensor.subscribe(registered.deviceConfiguration.get("telemetryTopic"));
                sensor.publish(registered.deviceConfiguration.get("telemetryTopic"), "{\"t\":20}");
                assertEquals("{\"t\":20}", sensor.next().text());
            }
        }
    }

    private static String claimPolicy() {
        return """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "iot:Connect", "Resource": "*"},
                  {"Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"], "Resource": [
                    "%stopic/$aws/certificates/create/*",
                    "%stopic/$aws/provisioning-templates/SensorFleet/provision/*"]},
                  {"Effect": "Allow", "Action": "iot:Subscribe", "Resource": [
                    "%stopicfilter/$aws/certificates/create/*",
                    "%stopicfilter/$aws/provisioning-templates/SensorFleet/provision/*"]}]}"""
                .formatted(ARN, ARN, ARN, ARN);
    }
}
