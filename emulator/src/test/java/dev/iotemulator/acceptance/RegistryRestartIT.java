package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.DeviceCertificate;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.JobExecutionStatus;

/**
 * The runnable jar keeps what the control plane made (a thing type, a thing with attributes in a group, a policy with a
 * second version, a certificate with its attachments, a job and its executions) when it is restarted with the same
 * data directory, and a device connects after the restart with the certificate made before it.
 */
class RegistryRestartIT {

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void things_policies_certificates_and_jobs_survive_a_restart_with_the_same_data_directory() throws Exception {
        Path data = Files.createTempDirectory("iot-emulator-registry");
        String thingArn = "arn:aws:iot:us-east-1:000000000000:thing/";
        CreateKeysAndCertificateResponse keys;
        List<String> banner = EmulatorJar.readBanner(start(data));
        try (IotClient iot = client(banner)) {
            iot.createThingType(r -> r.thingTypeName("meter"));
            iot.createThing(r -> r.thingName("meter-1").thingTypeName("meter")
                    .attributePayload(a -> a.attributes(Map.of("site", "north"))));
            iot.createThing(r -> r.thingName("meter-2"));
            iot.createThingGroup(r -> r.thingGroupName("meters"));
            iot.addThingToThingGroup(r -> r.thingGroupName("meters").thingName("meter-1"));
            iot.createPolicy(r -> r.policyName("MeterPolicy").policyDocument(policy("meter/*")));
            iot.createPolicyVersion(r -> r.policyName("MeterPolicy").policyDocument(policy("meter/${iot:ClientId}/*"))
                    .setAsDefault(true));
            keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
            iot.attachPolicy(r -> r.policyName("MeterPolicy").target(keys.certificateArn()));
            iot.attachThingPrincipal(r -> r.thingName("meter-1").principal(keys.certificateArn()));
            iot.createJob(r -> r.jobId("calibrate").targets(thingArn + "meter-1", thingArn + "meter-2")
                    .document("{\"action\":\"calibrate\"}"));
        }
        Process first = processes.get(0);
        first.destroy(); // SIGTERM, as a user stops it
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the emulator did not stop on SIGTERM");

        banner = EmulatorJar.readBanner(start(data));
        try (IotClient iot = client(banner)) {
            var thing = iot.describeThing(r -> r.thingName("meter-1"));
            assertEquals("meter", thing.thingTypeName());
            assertEquals("north", thing.attributes().get("site"));
            assertEquals(List.of("meter-1"), iot.listThingsInThingGroup(r -> r.thingGroupName("meters")).things());
            var policy = iot.getPolicy(r -> r.policyName("MeterPolicy"));
            assertEquals("2", policy.defaultVersionId());
            assertTrue(policy.policyDocument().contains("${iot:ClientId}"), policy.policyDocument());
            assertEquals("ACTIVE", iot.describeCertificate(r -> r.certificateId(keys.certificateId()))
                    .certificateDescription().statusAsString());
            assertEquals(List.of("MeterPolicy"), iot.listAttachedPolicies(r -> r.target(keys.certificateArn()))
                    .policies().stream().map(p -> p.policyName()).toList());
            assertEquals(List.of("meter-1"), iot.listPrincipalThings(r -> r.principal(keys.certificateArn()))
                    .things());
            assertEquals("IN_PROGRESS", iot.describeJob(r -> r.jobId("calibrate")).job().statusAsString());
            assertEquals(JobExecutionStatus.QUEUED, iot.describeJobExecution(r -> r.jobId("calibrate")
                    .thingName("meter-2")).execution().status());
        }

        DeviceCertificate device = new DeviceCertificate(keys.certificateId(), keys.certificateArn(),
                keys.certificatePem(), keys.keyPair().publicKey(), keys.keyPair().privateKey());
        Path ca = data.resolve("ca").resolve("root-ca.pem");
        String mqtts = EmulatorJar.endpoint(banner, "MQTT over TLS", "ssl://");
        try (PahoClients.Client meter = PahoClients.connectTls(mqtts, "meter-1", TlsMaterial.socketFactory(ca,
                device))) {
            meter.paho.subscribe("meter/meter-1/reading", 1);
            meter.paho.publish("meter/meter-1/reading", "42".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("42", new String(meter.next().message().getPayload(), StandardCharsets.UTF_8));
        }
    }

    private static String policy(String topics) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":"
                + "[\"arn:aws:iot:*:*:client/*\",\"arn:aws:iot:*:*:topic/" + topics + "\",\"arn:aws:iot:*:*:"
                + "topicfilter/" + topics + "\"]}]}";
    }

    private Process start(Path data) throws Exception {
        Process p = new ProcessBuilder(EmulatorJar.javaBinary(), "-jar", EmulatorJar.path().toString(),
                "--http-port", "0", "--mqtt-port", "0", "--https-port", "0", "--mqtts-port", "0",
                "--data-dir", data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        return p;
    }

    private static IotClient client(List<String> banner) {
        URI http = URI.create(EmulatorJar.endpoint(banner, "HTTP ", "http://"));
        return IotClient.builder().endpointOverride(http).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }
}
