package dev.iotemulator.internal.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.internal.controlplane.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provisioning template language: parameters and defaults, intrinsic functions, conditions, errors. */
class TemplateEngineTest {

    static final String TEMPLATE = """
            {"Parameters": {"Serial": {"Type": "String"}, "Region": {"Type": "String", "Default": "eu"},
                            "Tags": {"Type": "String", "Default": "a,b,c"}},
             "Mappings": {"ByRegion": {"eu": {"group": "fleet-eu"}, "us": {"group": "fleet-us"}}},
             "Conditions": {"IsEu": {"Fn::Equals": [{"Ref": "Region"}, "eu"]},
                            "NotEu": {"Fn::Not": [{"Condition": "IsEu"}]}},
             "Resources": {
               "thing": {"Type": "AWS::IoT::Thing", "Properties": {
                 "ThingName": {"Fn::Join": ["-", ["dev", {"Ref": "Serial"}]]},
                 "ThingGroups": [{"Fn::FindInMap": ["ByRegion", {"Ref": "Region"}, "group"]}],
                 "AttributePayload": {"second": {"Fn::Select": [1, {"Fn::Split": [",", {"Ref": "Tags"}]}]},
                                      "zone": {"Fn::If": ["IsEu", "eu-zone", "other"]}}}},
               "usOnly": {"Type": "AWS::IoT::Policy", "Condition": "NotEu", "Properties": {"PolicyName": "Us"}}},
             "DeviceConfiguration": {"topic": {"Fn::Sub": "data/${Serial}/${Region}"}}}""";

    @Test
    void parameters_defaults_and_intrinsic_functions_resolve_to_plain_values() {
        TemplateEngine.Resolved r = TemplateEngine.resolve(TEMPLATE, Map.of("Serial", "7"));
        var thing = r.resources().get("thing").properties();
        assertEquals("dev-7", thing.get("ThingName").asText());
        assertEquals("fleet-eu", thing.get("ThingGroups").get(0).asText());
        assertEquals("b", thing.path("AttributePayload").get("second").asText());
        assertEquals("eu-zone", thing.path("AttributePayload").get("zone").asText());
        assertFalse(r.resources().containsKey("usOnly"), "its condition is false");
        assertEquals(Map.of("topic", "data/7/eu"), r.deviceConfiguration());
        assertTrue(TemplateEngine.resolve(TEMPLATE, Map.of("Serial", "7", "Region", "us")).resources()
                .containsKey("usOnly"));
    }

    @Test
    void a_missing_parameter_and_an_unknown_resource_type_are_explained() {
        assertTrue(assertThrows(TemplateEngine.TemplateException.class, () -> TemplateEngine.resolve(TEMPLATE,
                Map.of())).getMessage().contains("Serial"));
        assertTrue(assertThrows(ApiException.class, () -> TemplateEngine.check(
                "{\"Resources\": {\"x\": {\"Type\": \"AWS::S3::Bucket\"}}}")).getMessage().contains("AWS::S3::Bucket"));
        assertThrows(ApiException.class, () -> TemplateEngine.check("not json"));
    }
}
