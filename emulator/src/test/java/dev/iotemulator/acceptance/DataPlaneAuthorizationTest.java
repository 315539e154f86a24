package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.ForbiddenException;

/** IoT policies decide HTTPS data-plane calls by the access key that signed them; DescribeEndpoint answers home. */
class DataPlaneAuthorizationTest {

    static final String SCOPED = "AKIDSCOPED0000000001";
    static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "iot:Publish", "Resource": "arn:aws:iot:*:*:topic/allowed/*"},
              {"Effect": "Allow", "Action": ["iot:GetThingShadow", "iot:UpdateThingShadow"],
               "Resource": ["arn:aws:iot:*:*:thing/lamp", "arn:aws:iot:*:*:thing/lamp/*"]}
            ]}
            """;

    @TempDir
    static Path configDir;
    static IotEmulator iot;
    static IotDataPlaneClient sdk;

    @BeforeAll
    static void start() throws Exception {
        PolicyFixtures.writeCredentials(configDir, SCOPED + "=Scoped");
        PolicyFixtures.writePolicy(configDir, "Scoped", POLICY);
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().configDir(configDir).build());
        sdk = DataPlaneClients.plainHttp(iot.endpoints(), SCOPED, PolicyFixtures.credentials(SCOPED).secretAccessKey());
    }

    @AfterAll
    static void stop() {
        sdk.close();
        iot.close();
    }

    @Test
    void publish_needs_iot_publish_on_the_topic_and_retain_needs_iot_retain_publish_too() {
        sdk.publish(b -> b.topic("allowed/a").payload(SdkBytes.fromUtf8String("1")));
        ForbiddenException denied = assertThrows(ForbiddenException.class,
                () -> sdk.publish(b -> b.topic("other/a").payload(SdkBytes.fromUtf8String("1"))));
        assertEquals(403, denied.statusCode());
        assertTrue(denied.getMessage().contains("iot:Publish"), denied.getMessage());
        ForbiddenException retain = assertThrows(ForbiddenException.class,
                () -> sdk.publish(b -> b.topic("allowed/a").retain(true).payload(SdkBytes.fromUtf8String("1"))));
        assertTrue(retain.getMessage().contains("iot:RetainPublish"), retain.getMessage());
    }

    @Test
    void shadow_calls_are_checked_on_thing_and_thing_slash_shadow() {
        sdk.updateThingShadow(b -> b.thingName("lamp").payload(SdkBytes.fromUtf8String("{\"state\":{}}")));
        sdk.updateThingShadow(b -> b.thingName("lamp").shadowName("cfg")
                .payload(SdkBytes.fromUtf8String("{\"state\":{}}")));
        sdk.getThingShadow(b -> b.thingName("lamp").shadowName("cfg"));
        ForbiddenException delete = assertThrows(ForbiddenException.class,
                () -> sdk.deleteThingShadow(b -> b.thingName("lamp")));
        assertTrue(delete.getMessage().contains("iot:DeleteThingShadow"), delete.getMessage());
        assertThrows(ForbiddenException.class, () -> sdk.getThingShadow(b -> b.thingName("heater")));
    }

    @Test
    void describe_endpoint_signed_for_execute_api_answers_the_emulator_host_name() throws Exception {
        HttpResponse<String> response = SignedHttp.send(iot.endpoints().httpPort(), "GET", "/endpoint",
                "endpointType=iot%3AData-ATS", new byte[0], SCOPED, PolicyFixtures.credentials(SCOPED).secretAccessKey(),
                "execute-api");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals("localhost", body.get("endpointAddress").asText(), "a host name without a port, as AWS answers");
    }
}
