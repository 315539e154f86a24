package dev.iotemulator.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    private static PolicyParseException failure(String json) {
        return assertThrows(PolicyParseException.class, () -> PolicyParser.parse("p", json, "device.json"));
    }

    private static String withStatement(String statement) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}";
    }

    @Test
    void parses_a_statement_written_as_a_single_object() {
        PolicyDocument policy = PolicyParser.parse("p", """
                {"Version": "2012-10-17",
                 "Statement": {"Effect": "Allow", "Action": "iot:Connect", "Resource": "*"}}""", "device.json");
        assertEquals(1, policy.statements().size());
        assertEquals(new StatementRef("p", 0, null), policy.statements().get(0).ref());
        assertEquals("device.json", policy.source());
    }

    @Test
    void parses_a_statement_list_keeping_sids_effects_and_indexes() {
        PolicyDocument policy = PolicyParser.parse("p", withStatement("""
                {"Sid": "First", "Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"], "Resource": ["*"]},
                {"Effect": "Deny", "Action": "iot:*", "NotResource": "arn:aws:iot:*:*:topic/ok"}"""));
        assertEquals(new StatementRef("p", 0, "First"), policy.statements().get(0).ref());
        assertEquals(Effect.ALLOW, policy.statements().get(0).effect());
        assertEquals(new StatementRef("p", 1, null), policy.statements().get(1).ref());
        assertEquals(Effect.DENY, policy.statements().get(1).effect());
        assertTrue(policy.warnings().isEmpty());
    }

    @Test
    void message_names_the_file_the_path_and_the_expectation() {
        PolicyParseException e = failure(withStatement("""
                {"Effect": "Allow", "Action": "iot:Connect", "Resource": "*"},
                {"Effect": "allow", "Action": "iot:Connect", "Resource": "*"}"""));
        assertEquals("Invalid IoT policy device.json at $.Statement[1].Effect: "
                + "expected \"Allow\" or \"Deny\" but found \"allow\"", e.getMessage());
        assertEquals("device.json", e.source());
        assertEquals("$.Statement[1].Effect", e.path());
    }

    @Test
    void rejects_a_document_without_statement() {
        PolicyParseException e = failure("{\"Version\": \"2012-10-17\"}");
        assertEquals("$.Statement", e.path());
        assertEquals("expected a statement object or a non-empty list of them but found nothing (the element is "
                + "missing)", e.problem());
    }

    @Test
    void rejects_an_empty_statement_list() {
        assertEquals("expected a statement object or a non-empty list of them but found an empty list",
                failure("{\"Version\": \"2012-10-17\", \"Statement\": []}").problem());
    }

    @Test
    void rejects_a_missing_effect() {
        PolicyParseException e = failure(withStatement("{\"Action\": \"iot:Connect\", \"Resource\": \"*\"}"));
        assertEquals("$.Statement[0].Effect", e.path());
    }

    @Test
    void rejects_a_resource_that_is_a_number() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Allow\", \"Action\": \"iot:Connect\", "
                + "\"Resource\": 42}"));
        assertEquals("$.Statement[0].Resource", e.path());
        assertEquals("expected a string or a non-empty list of strings but found the number 42", e.problem());
    }

    @Test
    void rejects_a_number_inside_a_resource_list_at_its_index() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Allow\", \"Action\": \"iot:Connect\", "
                + "\"Resource\": [\"*\", 7]}"));
        assertEquals("$.Statement[0].Resource[1]", e.path());
        assertEquals("expected a string but found the number 7", e.problem());
    }

    @Test
    void rejects_a_statement_without_action() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Allow\", \"Resource\": \"*\"}"));
        assertEquals("$.Statement[0].Action", e.path());
        assertTrue(e.problem().startsWith("expected Action or NotAction"), e.problem());
    }

    @Test
    void rejects_a_statement_with_both_resource_and_not_resource() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Allow\", \"Action\": \"iot:Connect\", "
                + "\"Resource\": \"*\", \"NotResource\": \"*\"}"));
        assertEquals("$.Statement[0]", e.path());
        assertEquals("expected either Resource or NotResource but found both", e.problem());
    }

    @Test
    void rejects_a_misspelled_element_instead_of_ignoring_it() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Allow\", \"Action\": \"iot:Connect\", "
                + "\"resource\": \"*\"}"));
        assertEquals("$.Statement[0].resource", e.path());
        assertTrue(e.problem().startsWith("unknown element; expected one of"), e.problem());
    }

    @Test
    void rejects_a_missing_or_other_version() {
        assertEquals("expected \"2012-10-17\" but found nothing (the element is missing)",
                failure("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}")
                        .problem());
        assertEquals("expected \"2012-10-17\" but found \"2008-10-17\"",
                failure("{\"Version\": \"2008-10-17\", \"Statement\": "
                        + "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}").problem());
    }

    @Test
    void rejects_invalid_json_with_its_line_and_column() {
        PolicyParseException e = failure("{\"Version\": \"2012-10-17\",\n \"Statement\": [}");
        assertEquals("$", e.path());
        assertTrue(e.problem().startsWith("expected valid JSON but"), e.problem());
        assertTrue(e.problem().contains("line 2"), e.problem());
    }

    @Test
    void rejects_a_document_that_is_not_an_object() {
        assertEquals("expected a policy document object with Version and Statement but found a list",
                failure("[1]").problem());
    }

    @Test
    void rejects_duplicate_keys_rather_than_silently_keeping_the_last() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Deny\", \"Effect\": \"Allow\", "
                + "\"Action\": \"*\", \"Resource\": \"*\"}"));
        assertTrue(e.problem().contains("the field \"Effect\" appears twice in the same object"), e.problem());
    }

    @Test
    void rejects_an_unterminated_variable_at_its_list_index() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Allow\", \"Action\": \"iot:Connect\", "
                + "\"Resource\": [\"*\", \"client/${iot:ClientId\"]}"));
        assertEquals("$.Statement[0].Resource[1]", e.path());
    }

    @Test
    void names_condition_keys_with_colons_in_bracket_notation() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Allow\", \"Action\": \"*\", "
                + "\"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"iot:ClientId\": []}}}"));
        assertEquals("$.Statement[0].Condition.StringEquals['iot:ClientId']", e.path());
    }

    @Test
    void rejects_a_condition_operator_whose_value_is_not_an_object() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Allow\", \"Action\": \"*\", "
                + "\"Resource\": \"*\", \"Condition\": {\"ForAllValues:StringEquals\": \"x\"}}"));
        assertEquals("$.Statement[0].Condition['ForAllValues:StringEquals']", e.path());
        assertEquals("expected an object mapping condition keys to values but found \"x\"", e.problem());
    }

    @Test
    void accepts_an_unknown_condition_operator_with_a_warning() {
        PolicyDocument policy = PolicyParser.parse("p", withStatement("{\"Effect\": \"Allow\", \"Action\": \"*\", "
                + "\"Resource\": \"*\", \"Condition\": {\"StringEqualz\": {\"iot:ClientId\": \"c\"}}}"));
        assertEquals(List.of("$.Statement[0].Condition.StringEqualz: unknown condition operator \"StringEqualz\"; "
                + "an Allow statement using it never applies and a Deny statement always does"), policy.warnings());
    }

    @Test
    void warns_of_a_misspelt_action_with_the_nearest_data_plane_action() {
        PolicyDocument policy = PolicyParser.parse("p", withStatement("{\"Effect\": \"Allow\", \"Action\": "
                + "[\"iot:Publish\", \"iot:Conect\"], \"Resource\": \"*\"}"));
        assertEquals(List.of("$.Statement[0].Action[1]: unknown action \"iot:Conect\"; did you mean \"iot:Connect\"? "
                + "As written it matches no request, so the statement never applies to one"), policy.warnings());
    }

    @Test
    void warns_of_an_action_without_its_service_prefix() {
        PolicyDocument policy = PolicyParser.parse("p", withStatement("{\"Effect\": \"Allow\", \"Action\": "
                + "\"Subscribe\", \"Resource\": \"*\"}"));
        assertEquals(List.of("$.Statement[0].Action: action \"Subscribe\" has no service prefix; write "
                + "\"iot:Subscribe\""), policy.warnings());
    }

    @Test
    void does_not_question_wildcards_other_services_or_control_plane_actions() {
        PolicyDocument policy = PolicyParser.parse("p", withStatement("{\"Effect\": \"Allow\", \"Action\": "
                + "[\"iot:*\", \"iot:Get*\", \"IOT:CONNECT\", \"iot:CreateThing\", \"iot:DescribeJob\", "
                + "\"mobileanalytics:PutEvents\", \"cognito-identity:GetId\"], \"Resource\": \"*\"}"));
        assertEquals(List.of(), policy.warnings());
    }

    @Test
    void accepts_boolean_and_number_condition_values_as_text() {
        PolicyDocument policy = PolicyParser.parse("p", withStatement("{\"Effect\": \"Allow\", \"Action\": \"*\", "
                + "\"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": true}}}"));
        assertFalse(policy.statements().isEmpty());
    }

    @Test
    void rejects_a_null_condition_with_a_value_other_than_true_or_false() {
        PolicyParseException e = failure(withStatement("{\"Effect\": \"Allow\", \"Action\": \"*\", "
                + "\"Resource\": \"*\", \"Condition\": {\"Null\": {\"iot:LastWillTopic\": \"maybe\"}}}"));
        assertEquals("expected \"true\" or \"false\" but found \"maybe\"", e.problem());
    }

    @Test
    void uses_the_policy_name_as_source_when_none_is_given() {
        PolicyParseException e = assertThrows(PolicyParseException.class, () -> PolicyParser.parse("api-policy", "{}"));
        assertEquals("api-policy", e.source());
        assertNull(PolicyParser.parse("p", withStatement("{\"Effect\": \"Allow\", \"Action\": \"*\", "
                + "\"Resource\": \"*\"}")).statements().get(0).ref().sid());
    }
}
