package dev.iotemulator.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    static final Arns ARNS = new Arns("us-east-1", "000000000000");
    static final String ARN = "arn:aws:iot:us-east-1:000000000000:";
    static final RequestContext CLIENT = RequestContext.builder().clientId("client-1").build();

    static PolicyDocument policy(String name, String statements) {
        return PolicyParser.parse(name, "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}");
    }

    static String statement(String effect, String action, String resource) {
        return "{\"Effect\": \"" + effect + "\", \"Action\": " + action + ", \"Resource\": " + resource + "}";
    }

    static Decision decide(String action, String resource, RequestContext context, PolicyDocument... policies) {
        return PolicyEvaluator.evaluate(new PolicyRequest(action, resource, context), List.of(policies));
    }

    @Test
    void denies_implicitly_when_no_policy_is_attached() {
        Decision decision = decide("iot:Connect", ARNS.client("client-1"), CLIENT);
        assertEquals(new Decision.ImplicitlyDenied(List.of()), decision);
        assertFalse(decision.allowed());
        assertEquals("implicitly denied: no statement allows the request", decision.reason());
    }

    @Test
    void denies_implicitly_when_no_statement_allows_and_names_no_statement() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"", "\"" + ARN + "topic/a\""));
        assertInstanceOf(Decision.ImplicitlyDenied.class, decide("iot:Publish", ARNS.topic("b"), CLIENT, p));
        assertInstanceOf(Decision.ImplicitlyDenied.class, decide("iot:Subscribe", ARNS.topic("a"), CLIENT, p));
    }

    @Test
    void allows_and_names_the_statement_that_allowed() {
        PolicyDocument p = policy("device", statement("Allow", "\"iot:Connect\"", "\"" + ARN + "client/x\"") + ","
                + "{\"Sid\": \"Pub\", \"Effect\": \"Allow\", \"Action\": \"iot:Publish\", \"Resource\": \"*\"}");
        Decision decision = decide("iot:Publish", ARNS.topic("a/b"), CLIENT, p);
        assertEquals(new Decision.Allowed(new StatementRef("device", 1, "Pub")), decision);
        assertEquals("allowed by policy=device statement=1 sid=Pub", decision.reason());
    }

    @Test
    void explicit_deny_wins_over_an_allow_in_the_same_policy() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:*\"", "\"*\"") + ","
                + statement("Deny", "\"iot:Publish\"", "\"" + ARN + "topic/secret\""));
        Decision decision = decide("iot:Publish", ARNS.topic("secret"), CLIENT, p);
        assertEquals(new Decision.ExplicitlyDenied(new StatementRef("p", 1, null), ""), decision);
        assertEquals("explicitly denied by policy=p statement=1", decision.reason());
    }

    @Test
    void explicit_deny_wins_across_two_attached_policies_in_either_order() {
        PolicyDocument allow = policy("allow-all", statement("Allow", "\"iot:*\"", "\"*\""));
        PolicyDocument deny = policy("deny-client2", statement("Deny", "\"iot:Connect\"",
                "[\"" + ARN + "client/client1\", \"" + ARN + "client/client2\"]"));
        StatementRef denying = new StatementRef("deny-client2", 0, null);
        assertEquals(denying, ((Decision.ExplicitlyDenied) decide("iot:Connect", ARNS.client("client2"), CLIENT,
                allow, deny)).statement());
        assertEquals(denying, ((Decision.ExplicitlyDenied) decide("iot:Connect", ARNS.client("client2"), CLIENT,
                deny, allow)).statement());
        assertTrue(decide("iot:Connect", ARNS.client("client3"), CLIENT, allow, deny).allowed());
    }

    @Test
    void action_and_resource_may_be_a_string_or_a_list() {
        PolicyDocument strings = policy("p", statement("Allow", "\"iot:Publish\"", "\"" + ARN + "topic/a\""));
        PolicyDocument lists = policy("p", statement("Allow", "[\"iot:Receive\", \"iot:Publish\"]",
                "[\"" + ARN + "topic/z\", \"" + ARN + "topic/a\"]"));
        assertTrue(decide("iot:Publish", ARNS.topic("a"), CLIENT, strings).allowed());
        assertTrue(decide("iot:Publish", ARNS.topic("a"), CLIENT, lists).allowed());
        assertTrue(decide("iot:Receive", ARNS.topic("z"), CLIENT, lists).allowed());
    }

    @Test
    void action_names_match_case_insensitively() {
        PolicyDocument p = policy("p", statement("Allow", "\"IoT:publish\"", "\"*\""));
        assertTrue(decide("iot:Publish", ARNS.topic("a"), CLIENT, p).allowed());
    }

    @Test
    void action_wildcards_cover_their_prefix_only() {
        PolicyDocument iotAll = policy("p", statement("Allow", "\"iot:*\"", "\"*\""));
        PolicyDocument pubStar = policy("p", statement("Allow", "\"iot:Pub*\"", "\"*\""));
        PolicyDocument everything = policy("p", statement("Allow", "\"*\"", "\"*\""));
        assertTrue(decide("iot:Subscribe", ARNS.topicFilter("a"), CLIENT, iotAll).allowed());
        assertFalse(decide("greengrass:Discover", "*", CLIENT, iotAll).allowed());
        assertTrue(decide("iot:Publish", ARNS.topic("a"), CLIENT, pubStar).allowed());
        assertFalse(decide("iot:Receive", ARNS.topic("a"), CLIENT, pubStar).allowed());
        assertTrue(decide("iot:Receive", ARNS.topic("a"), CLIENT, everything).allowed());
    }

    @Test
    void not_action_applies_to_every_other_action() {
        PolicyDocument p = policy("p", "{\"Effect\": \"Allow\", \"NotAction\": \"iot:Publish\", \"Resource\": \"*\"}");
        assertTrue(decide("iot:Receive", ARNS.topic("a"), CLIENT, p).allowed());
        assertFalse(decide("iot:Publish", ARNS.topic("a"), CLIENT, p).allowed());
    }

    @Test
    void not_resource_allows_everything_except_the_listed_resources() {
        PolicyDocument p = policy("p", "{\"Effect\": \"Allow\", \"Action\": \"iot:Receive\", "
                + "\"NotResource\": \"" + ARN + "topic/a/restricted/*\"}");
        assertTrue(decide("iot:Receive", ARNS.topic("a/open"), CLIENT, p).allowed());
        assertFalse(decide("iot:Receive", ARNS.topic("a/restricted/x"), CLIENT, p).allowed());
    }

    @Test
    void deny_with_not_resource_blocks_receive_outside_the_listed_topics() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Receive\"", "\"*\"") + ","
                + "{\"Effect\": \"Deny\", \"Action\": \"iot:Receive\", \"NotResource\": \"" + ARN + "topic/a/open/*\"}");
        assertTrue(decide("iot:Receive", ARNS.topic("a/open/1"), CLIENT, p).allowed());
        assertInstanceOf(Decision.ExplicitlyDenied.class, decide("iot:Receive", ARNS.topic("a/other"), CLIENT, p));
    }

    @Test
    void resource_matching_is_case_sensitive() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"", "\"" + ARN + "topic/Sensors\""));
        assertFalse(decide("iot:Publish", ARNS.topic("sensors"), CLIENT, p).allowed());
    }

    @Test
    void reports_the_first_allowing_statement_in_policy_order() {
        PolicyDocument first = policy("first", statement("Allow", "\"iot:Publish\"", "\"*\""));
        PolicyDocument second = policy("second", statement("Allow", "\"iot:*\"", "\"*\""));
        assertEquals(new Decision.Allowed(new StatementRef("first", 0, null)),
                decide("iot:Publish", ARNS.topic("a"), CLIENT, first, second));
    }

    @Test
    void statement_with_an_unresolved_variable_is_not_applied_and_the_denial_says_why() {
        PolicyDocument p = policy("thing-policy", statement("Allow", "\"iot:Publish\"",
                "\"" + ARN + "topic/${iot:Connection.Thing.ThingName}/*\""));
        Decision decision = decide("iot:Publish", ARNS.topic("t1/x"), CLIENT, p);
        assertEquals(new Decision.ImplicitlyDenied(List.of("policy=thing-policy statement=0 not applied: "
                + "policy variable ${iot:Connection.Thing.ThingName} has no value for this request")), decision);
        RequestContext withThing = CLIENT.toBuilder().thingName("t1").build();
        assertTrue(decide("iot:Publish", ARNS.topic("t1/x"), withThing, p).allowed());
    }

    @Test
    void unresolved_variable_disables_the_whole_statement_even_in_another_resource_entry() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"",
                "[\"" + ARN + "topic/public/*\", \"" + ARN + "topic/${cognito-identity.amazonaws.com:sub}/*\"]"));
        assertFalse(decide("iot:Publish", ARNS.topic("public/x"), CLIENT, p).allowed());
        RequestContext cognito = CLIENT.toBuilder().cognitoIdentityId("us-east-1:abc").build();
        assertTrue(decide("iot:Publish", ARNS.topic("public/x"), cognito, p).allowed());
        assertTrue(decide("iot:Publish", ARNS.topic("us-east-1:abc/x"), cognito, p).allowed());
    }

    @Test
    void connect_is_allowed_only_for_the_client_id_in_the_variable() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Connect\"", "\"" + ARN + "client/${iot:ClientId}\""));
        assertTrue(decide("iot:Connect", ARNS.client("client-1"), CLIENT, p).allowed());
        assertFalse(decide("iot:Connect", ARNS.client("client-2"), CLIENT, p).allowed());
    }

    @Test
    void is_attached_variable_resolves_to_true_or_false() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"",
                "\"" + ARN + "topic/attached/${iot:Connection.Thing.IsAttached}\""));
        RequestContext attached = CLIENT.toBuilder().thingAttached(true).build();
        assertTrue(decide("iot:Publish", ARNS.topic("attached/true"), attached, p).allowed());
        assertFalse(decide("iot:Publish", ARNS.topic("attached/false"), attached, p).allowed());
    }

    @Test
    void never_throws_and_turns_a_failure_into_a_denial_with_the_reason() {
        List<PolicyDocument> broken = new java.util.ArrayList<>();
        broken.add(null);
        Decision decision = PolicyEvaluator.evaluate(new PolicyRequest("iot:Publish", ARNS.topic("a"), CLIENT),
                broken);
        assertInstanceOf(Decision.ImplicitlyDenied.class, decision);
        assertTrue(decision.reason().contains("policy evaluation failed, denying: java.lang.NullPointerException"),
                decision.reason());
    }

    @Test
    void the_allow_path_reuses_one_decision_instance_per_statement() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Receive\"", "\"" + ARN + "topic/a/*\""));
        assertTrue(decide("iot:Receive", ARNS.topic("a/1"), CLIENT, p)
                == decide("iot:Receive", ARNS.topic("a/2"), CLIENT, p));
    }
}
