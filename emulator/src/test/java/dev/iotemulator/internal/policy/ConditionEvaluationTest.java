package dev.iotemulator.internal.policy;

import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.ARN;
import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.ARNS;
import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.decide;
import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionEvaluationTest {

    private static PolicyDocument connectIf(String effect, String condition) {
        return policy("p", "{\"Effect\": \"" + effect + "\", \"Action\": \"iot:Connect\", \"Resource\": \"*\", "
                + "\"Condition\": " + condition + "}");
    }

    private static PolicyDocument allowConnectIf(String condition) {
        return connectIf("Allow", condition);
    }

    private static boolean connects(PolicyDocument policy, RequestContext context) {
        return decide("iot:Connect", ARNS.client("c1"), context, policy).allowed();
    }

    private static RequestContext.Builder client() {
        return RequestContext.builder().clientId("c1");
    }

    @Test
    void string_equals_holds_when_the_value_is_one_of_the_listed_values() {
        PolicyDocument p = allowConnectIf("{\"StringEquals\": {\"aws:SourceIp\": [\"10.0.0.1\", \"10.0.0.2\"]}}");
        assertTrue(connects(p, client().sourceIp("10.0.0.2").build()));
        assertFalse(connects(p, client().sourceIp("10.0.0.3").build()));
    }

    @Test
    void string_equals_takes_star_literally_but_string_like_treats_it_as_a_wildcard() {
        PolicyDocument equals = allowConnectIf("{\"StringEquals\": {\"iot:ClientId\": \"c*\"}}");
        PolicyDocument like = allowConnectIf("{\"StringLike\": {\"iot:ClientId\": \"c*\"}}");
        assertFalse(connects(equals, client().build()));
        assertTrue(connects(like, client().build()));
    }

    @Test
    void negated_operators_hold_when_no_listed_value_matches() {
        PolicyDocument notEquals = allowConnectIf("{\"StringNotEquals\": {\"iot:ClientId\": [\"bad1\", \"bad2\"]}}");
        PolicyDocument notLike = allowConnectIf("{\"StringNotLike\": {\"iot:ClientId\": \"bad*\"}}");
        assertTrue(connects(notEquals, client().build()));
        assertFalse(connects(notEquals, RequestContext.builder().clientId("bad2").build()));
        assertTrue(connects(notLike, client().build()));
        assertFalse(connects(notLike, RequestContext.builder().clientId("bad-9").build()));
    }

    @Test
    void absent_key_makes_even_a_negated_condition_false() {
        PolicyDocument p = allowConnectIf("{\"StringNotEquals\": {\"aws:SourceIp\": \"10.0.0.1\"}}");
        assertFalse(connects(p, client().build()));
    }

    @Test
    void if_exists_holds_when_the_key_is_absent() {
        PolicyDocument p = allowConnectIf("{\"StringEqualsIfExists\": {\"aws:SourceIp\": \"10.0.0.1\"}}");
        assertTrue(connects(p, client().build()));
        assertFalse(connects(p, client().sourceIp("10.0.0.9").build()));
    }

    @Test
    void condition_values_substitute_policy_variables() {
        PolicyDocument p = allowConnectIf("{\"StringEquals\": {\"iot:LastWillTopic\": \""
                + ARN + "topic/will/${iot:ClientId}\"}}");
        assertTrue(connects(p, client().lastWillTopic(ARNS.topic("will/c1")).build()));
        assertFalse(connects(p, client().lastWillTopic(ARNS.topic("will/c2")).build()));
    }

    @Test
    void condition_key_names_are_case_insensitive() {
        PolicyDocument p = allowConnectIf("{\"StringEquals\": {\"IOT:CLIENTID\": \"c1\"}}");
        assertTrue(connects(p, client().build()));
    }

    @Test
    void all_keys_and_all_operators_must_hold() {
        PolicyDocument p = allowConnectIf("{\"StringEquals\": {\"iot:ClientId\": \"c1\", \"aws:SourceIp\": \"1.1.1.1\"},"
                + " \"StringLike\": {\"aws:username\": \"dev-*\"}}");
        assertTrue(connects(p, client().sourceIp("1.1.1.1").username("dev-ann").build()));
        assertFalse(connects(p, client().sourceIp("1.1.1.1").username("ops-bob").build()));
        assertFalse(connects(p, client().sourceIp("2.2.2.2").username("dev-ann").build()));
    }

    @Test
    void for_any_value_holds_when_one_connect_attribute_is_listed() {
        PolicyDocument p = allowConnectIf("{\"ForAnyValue:StringEquals\": {\"iot:ConnectAttributes\": [\"LastWill\"]}}");
        assertTrue(connects(p, client().connectAttributes("PersistentConnect", "LastWill").build()));
        assertFalse(connects(p, client().connectAttributes("PersistentConnect").build()));
        assertFalse(connects(p, client().connectAttributes().build()));
    }

    @Test
    void for_all_values_holds_when_every_connect_attribute_is_listed_including_none() {
        PolicyDocument p = allowConnectIf("{\"ForAllValues:StringEquals\": "
                + "{\"iot:ConnectAttributes\": [\"PersistentConnect\"]}}");
        assertTrue(connects(p, client().connectAttributes("PersistentConnect").build()));
        assertTrue(connects(p, client().connectAttributes().build()));
        assertFalse(connects(p, client().connectAttributes("PersistentConnect", "LastWill").build()));
        assertFalse(connects(p, client().build()));
    }

    @Test
    void null_tests_whether_a_key_is_present() {
        PolicyDocument noWill = allowConnectIf("{\"Null\": {\"iot:LastWillTopic\": \"true\"}}");
        assertTrue(connects(noWill, client().build()));
        assertFalse(connects(noWill, client().lastWillTopic(ARNS.topic("w")).build()));
    }

    @Test
    void bool_compares_true_and_false_ignoring_case() {
        PolicyDocument p = allowConnectIf("{\"Bool\": {\"iot:Connection.Thing.IsAttached\": true}}");
        assertTrue(connects(p, client().thingAttached(true).build()));
        assertFalse(connects(p, client().thingAttached(false).build()));
    }

    @Test
    void unknown_operator_keeps_an_allow_from_applying_and_the_denial_says_so() {
        PolicyDocument p = allowConnectIf("{\"StringEqualz\": {\"iot:ClientId\": \"c1\"}}");
        Decision decision = decide("iot:Connect", ARNS.client("c1"), client().build(), p);
        assertEquals(new Decision.ImplicitlyDenied(List.of("policy=p statement=0 not applied: "
                + "unknown condition operator \"StringEqualz\" fails closed")), decision);
    }

    @Test
    void unknown_operator_makes_a_deny_apply_and_the_denial_says_so() {
        PolicyDocument allow = policy("allow", "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}");
        PolicyDocument deny = connectIf("Deny", "{\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}");
        Decision decision = decide("iot:Connect", ARNS.client("c1"), client().sourceIp("192.168.0.1").build(),
                allow, deny);
        assertEquals(new Decision.ExplicitlyDenied(new StatementRef("p", 0, null),
                "unknown condition operator \"IpAddress\" fails closed"), decision);
        assertEquals("explicitly denied by policy=p statement=0 (unknown condition operator \"IpAddress\" fails "
                + "closed)", decision.reason());
    }

    @Test
    void unknown_operator_in_a_deny_does_not_apply_when_a_known_condition_is_false() {
        PolicyDocument allow = policy("allow", "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}");
        PolicyDocument deny = connectIf("Deny", "{\"StringEquals\": {\"iot:ClientId\": \"other\"}, "
                + "\"Fancy\": {\"iot:ClientId\": \"c1\"}}");
        assertTrue(decide("iot:Connect", ARNS.client("c1"), client().build(), allow, deny).allowed());
    }

    @Test
    void unknown_qualifier_or_suffix_on_null_is_an_unknown_operator() {
        PolicyDocument p = allowConnectIf("{\"NullIfExists\": {\"iot:LastWillTopic\": \"true\"}}");
        assertEquals(1, p.warnings().size());
        assertFalse(connects(p, client().build()));
    }
}
