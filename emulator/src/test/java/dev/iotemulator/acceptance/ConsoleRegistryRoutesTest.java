package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The registry routes the console's registry view reads, after a setup script made things and policies with the AWS
 * SDK's control plane and the in-process {@code createThing}: {@code GET /__emulator/things} (as DescribeThing shows
 * them, with their principals and thing groups) and {@code GET /__emulator/policies}.
 */
class ConsoleRegistryRoutesTest {

    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iot:Connect\",\"Resource\":\"*\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static IotEmulator iot;
    private static IotClient control;

    @BeforeAll
    static void start() {
        // With TLS, for the certificate createThing issues.
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
        control = ControlPlaneClients.iot(iot.endpoints());
    }

    @AfterAll
    static void stop() {
        control.close();
        iot.close();
    }

    @Test
    void things_are_listed_by_name_with_type_attributes_version_principals_and_groups() throws Exception {
        control.createThingType(r -> r.thingTypeName("Lamp"));
        control.createThing(r -> r.thingName("porch-lamp").thingTypeName("Lamp")
                .attributePayload(a -> a.attributes(Map.of("room", "porch", "watts", "9"))));
        control.updateThing(r -> r.thingName("porch-lamp")
                .attributePayload(a -> a.attributes(Map.of("watts", "12")).merge(true)));
        control.createThingGroup(r -> r.thingGroupName("outdoor"));
        control.addThingToThingGroup(r -> r.thingName("porch-lamp").thingGroupName("outdoor"));
        DeviceCertificate certificate = iot.createThing("kitchen-lamp", "LampConnect", POLICY);

        HttpResponse<String> response = get("/__emulator/things");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode things = JSON.readTree(response.body()).path("things");
        assertEquals(2, things.size(), response.body());
        JsonNode kitchen = things.get(0);
        assertEquals("kitchen-lamp", kitchen.path("thingName").asText());
        assertEquals(certificate.certificateArn(), kitchen.path("principals").get(0).asText());
        assertEquals(1, kitchen.path("version").asInt());
        JsonNode porch = things.get(1);
        assertEquals("porch-lamp", porch.path("thingName").asText());
        assertEquals("Lamp", porch.path("thingTypeName").asText());
        assertEquals("{\"room\":\"porch\",\"watts\":\"12\"}", porch.path("attributes").toString());
        assertEquals(2, porch.path("version").asInt());
        assertEquals("outdoor", porch.path("thingGroups").get(0).asText());
        assertEquals(0, porch.path("principals").size());
        assertEquals("arn:aws:iot:us-east-1:" + iot.endpoints().accountId() + ":thing/porch-lamp",
                porch.path("thingArn").asText());
    }

    @Test
    void every_policy_is_listed_with_where_it_came_from_and_its_default_version_attached_or_not() throws Exception {
        control.createPolicy(r -> r.policyName("NotYetAttached").policyDocument(POLICY));
        control.createPolicyVersion(r -> r.policyName("NotYetAttached").policyDocument(POLICY.replace("iot:Connect",
                "iot:Publish")).setAsDefault(true));

        HttpResponse<String> response = get("/__emulator/policies");

        assertEquals(200, response.statusCode(), response.body());
        Map<String, JsonNode> byName = new HashMap<>();
        JSON.readTree(response.body()).path("policies").forEach(p -> byName.put(p.path("name").asText(), p));
        JsonNode created = byName.get("NotYetAttached");
        assertEquals("api", created.path("source").asText(), response.body());
        assertEquals("2", created.path("defaultVersionId").asText(), response.body());
        assertEquals("iot:Publish", created.at("/document/Statement/0/Action").asText(), response.body());
        assertEquals("policies/ScopedDevicePolicy.json", byName.get("ScopedDevicePolicy").path("source").asText(),
                response.body());
        assertEquals("policies/CognitoUnauthenticatedRole.json",
                byName.get("CognitoUnauthenticatedRole").path("source").asText(), response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(iot.endpoints().httpUri() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
