package dev.iotemulator.internal.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.internal.shadow.ShadowResult.Deleted;
import dev.iotemulator.internal.shadow.ShadowResult.Document;
import dev.iotemulator.internal.shadow.ShadowResult.Rejected;
import dev.iotemulator.internal.shadow.ShadowResult.Updated;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Device Shadow rules of the AWS IoT Developer Guide, on the engine alone. */
class ShadowsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long NOW = 1_591_057_529L;
    static final ShadowName THING = ShadowName.classic("myThing");

    final Shadows shadows = new Shadows(Clock.fixed(Instant.ofEpochSecond(NOW, 123_000_000), ZoneOffset.UTC));

    static byte[] bytes(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode json(String json) {
        try {
            return JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Compares as JSON text re-read, so an int and a long of the same value are equal. */
    static void assertJson(JsonNode expected, JsonNode actual, String... why) {
        assertEquals(json(expected.toString()), actual == null ? null : json(actual.toString()), String.join("", why));
    }

    Updated update(String request) {
        ShadowResult result = shadows.update(THING, bytes(request));
        return assertInstanceOf(Updated.class, result, () -> "rejected: " + result);
    }

    Rejected rejectedUpdate(String request) {
        return assertInstanceOf(Rejected.class, shadows.update(THING, bytes(request)));
    }

    JsonNode document() {
        return assertInstanceOf(Document.class, shadows.get(THING, new byte[0])).payload();
    }

    JsonNode state() {
        return document().get("state");
    }

    @Test
    void the_first_update_creates_the_shadow_at_version_1_with_timestamps_in_epoch_seconds() {
        Updated u = update("{'state':{'reported':{'color':'red'}}}");
        assertEquals(1, u.accepted().get("version").asLong());
        assertEquals(NOW, u.accepted().get("timestamp").asLong());
        assertJson(json("{'reported':{'color':{'timestamp':" + NOW + "}}}"), u.accepted().get("metadata"));
        assertJson(json("{'reported':{'color':'red'}}"), state());
    }

    @Test
    void nested_objects_merge_and_only_the_fields_sent_change() {
        update("{'state':{'reported':{'lights':{'color':'red','power':'on'},'fan':1}}}");
        update("{'state':{'reported':{'lights':{'color':'green'}}}}");
        assertJson(json("{'reported':{'lights':{'color':'green','power':'on'},'fan':1}}"), state());
    }

    @Test
    void a_null_field_deletes_that_key_and_its_metadata() {
        update("{'state':{'reported':{'color':'red','fan':1}}}");
        update("{'state':{'reported':{'color':null}}}");
        assertJson(json("{'reported':{'fan':1}}"), state());
        assertJson(json("{'reported':{'fan':{'timestamp':" + NOW + "}}}"), document().get("metadata"));
    }

    @Test
    void desired_null_removes_the_whole_section() {
        update("{'state':{'desired':{'color':'red'},'reported':{'color':'blue'}}}");
        update("{'state':{'desired':null}}");
        assertJson(json("{'reported':{'color':'blue'}}"), state());
        assertFalse(document().get("metadata").has("desired"));
    }

    @Test
    void arrays_are_replaced_whole_and_their_metadata_is_per_element() {
        update("{'state':{'reported':{'colors':['red','green','blue']}}}");
        Updated u = update("{'state':{'reported':{'colors':['white']}}}");
        assertJson(json("{'reported':{'colors':['white']}}"), state());
        assertJson(json("{'reported':{'colors':[{'timestamp':" + NOW + "}]}}"), u.accepted().get("metadata"));
    }

    @Test
    void arrays_may_not_hold_null() {
        assertEquals(ShadowError.INVALID_JSON, rejectedUpdate("{'state':{'reported':{'a':[1,null]}}}").error());
    }

    @Test
    void the_version_increments_on_every_update() {
        update("{'state':{'reported':{'a':1}}}");
        update("{'state':{'reported':{'a':1}}}");
        assertEquals(3, update("{'state':{'desired':{'a':2}}}").accepted().get("version").asLong());
        assertEquals(3, document().get("version").asLong());
    }

    @Test
    void an_update_with_the_current_version_is_accepted_and_any_other_is_a_409_version_conflict() {
        update("{'state':{'reported':{'a':1}}}");
        assertEquals(2, update("{'state':{'reported':{'a':2}},'version':1}").accepted().get("version").asLong());
        Rejected r = rejectedUpdate("{'state':{'reported':{'a':3}},'version':1,'clientToken':'tok'}");
        assertEquals(ShadowError.VERSION_CONFLICT, r.error());
        assertJson(json("{'code':409,'message':'Version conflict','timestamp':" + NOW + ",'clientToken':'tok'}"),
                r.payload());
        assertJson(json("{'reported':{'a':2}}"), state());
    }

    @Test
    void a_version_that_is_not_a_whole_number_is_invalid() {
        assertEquals(ShadowError.INVALID_VERSION, rejectedUpdate("{'state':{},'version':'1'}").error());
        assertEquals(ShadowError.INVALID_VERSION, rejectedUpdate("{'state':{},'version':1.5}").error());
    }

    @Test
    void the_client_token_is_echoed_in_every_response() {
        Updated u = update("{'state':{'desired':{'a':1}},'clientToken':'abc'}");
        assertEquals("abc", u.accepted().get("clientToken").asText());
        assertEquals("abc", u.delta().get("clientToken").asText());
        assertEquals("abc", u.documents().get("clientToken").asText());
        Document d = assertInstanceOf(Document.class, shadows.get(THING, bytes("{'clientToken':'g'}")));
        assertEquals("g", d.payload().get("clientToken").asText());
        Deleted del = assertInstanceOf(Deleted.class, shadows.delete(THING, bytes("{'clientToken':'d'}")));
        assertJson(json("{'version':1,'timestamp':" + NOW + ",'clientToken':'d'}"), del.payload());
    }

    @Test
    void a_client_token_over_64_bytes_is_invalid() {
        String token = "x".repeat(65);
        assertEquals(ShadowError.INVALID_CLIENT_TOKEN,
                rejectedUpdate("{'state':{},'clientToken':'" + token + "'}").error());
        assertInstanceOf(Updated.class, shadows.update(THING, bytes("{'state':{},'clientToken':'" + "x".repeat(64)
                + "'}")));
    }

    @Test
    void malformed_requests_get_the_exact_aws_messages() {
        assertEquals("Invalid JSON", rejectedUpdate("{not json").payload().get("message").asText());
        assertEquals("Invalid JSON", rejectedUpdate("[1]").payload().get("message").asText());
        assertEquals("Missing required node: state", rejectedUpdate("{}").payload().get("message").asText());
        assertEquals("State node must be an object", rejectedUpdate("{'state':1}").payload().get("message").asText());
        assertEquals("Desired node must be an object",
                rejectedUpdate("{'state':{'desired':1}}").payload().get("message").asText());
        assertEquals("Reported node must be an object",
                rejectedUpdate("{'state':{'reported':[1]}}").payload().get("message").asText());
        assertEquals("State contains an invalid node",
                rejectedUpdate("{'state':{'delta':{}}}").payload().get("message").asText());
        assertEquals(400, rejectedUpdate("{}").payload().get("code").asInt());
    }

    @Test
    void a_payload_that_is_not_utf8_is_a_415() {
        ShadowResult r = shadows.update(THING, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        assertEquals(ShadowError.UNSUPPORTED_ENCODING, assertInstanceOf(Rejected.class, r).error());
    }

    @Test
    void six_levels_of_nesting_are_allowed_and_seven_are_not() {
        assertInstanceOf(Updated.class, shadows.update(THING,
                bytes("{'state':{'reported':{'a':{'b':{'c':{'d':{'e':1}}}}}}}")));
        Rejected r = rejectedUpdate("{'state':{'reported':{'a':{'b':{'c':{'d':{'e':{'f':{'g':1}}}}}}}}}");
        assertEquals("JSON contains too many levels of nesting; maximum is 6", r.payload().get("message").asText());
    }

    @Test
    void a_state_over_8_kb_is_a_413_and_changes_nothing() {
        Rejected r = rejectedUpdate("{'state':{'reported':{'big':'" + "x".repeat(8200) + "'}}}");
        assertEquals(413, r.payload().get("code").asInt());
        assertEquals("The payload exceeds the maximum size allowed", r.payload().get("message").asText());
        assertEquals(ShadowError.NO_SHADOW, assertInstanceOf(Rejected.class, shadows.get(THING, null)).error());
    }

    @Test
    void the_delta_lists_every_differing_desired_key_with_its_full_path() {
        update("{'state':{'reported':{'lights':{'color':'red','power':'on'},'onlyReported':1}}}");
        Updated u = update("{'state':{'desired':{'lights':{'color':'green','power':'on'},'fan':2}}}");
        assertJson(json("{'lights':{'color':'green'},'fan':2}"), u.delta().get("state"));
        assertJson(json("{'lights':{'color':{'timestamp':" + NOW + "}},'fan':{'timestamp':" + NOW + "}}"),
                u.delta().get("metadata"));
        assertEquals(2, u.delta().get("version").asLong());
        assertJson(json("{'lights':{'color':'green'},'fan':2}"), state().get("delta"));
    }

    @Test
    void the_delta_lists_all_differences_not_only_those_the_update_touched() {
        update("{'state':{'desired':{'a':1}}}");
        Updated u = update("{'state':{'desired':{'b':2}}}");
        assertJson(json("{'a':1,'b':2}"), u.delta().get("state"));
    }

    @Test
    void arrays_in_the_delta_compare_whole() {
        update("{'state':{'reported':{'list':[1,2,3]}}}");
        assertJson(json("{'list':[1,2]}"), update("{'state':{'desired':{'list':[1,2]}}}").delta().get("state"));
        assertNull(update("{'state':{'desired':{'list':[1,2,3]}}}").delta());
    }

    @Test
    void a_delta_is_due_only_when_the_request_touched_desired_and_it_is_not_empty() {
        update("{'state':{'desired':{'a':1}}}");
        assertNull(update("{'state':{'reported':{'b':1}}}").delta(), "a reported-only update publishes no delta");
        assertNull(update("{'state':{'reported':{'a':1}}}").delta());
        assertFalse(state().has("delta"));
        assertNull(update("{'state':{'desired':{'a':1}}}").delta(), "an empty delta is not published");
    }

    @Test
    void update_accepted_echoes_only_the_fields_of_the_request_including_deletions() {
        update("{'state':{'reported':{'a':1,'b':2}}}");
        Updated u = update("{'state':{'reported':{'a':null}},'clientToken':'t'}");
        assertJson(json("{'state':{'reported':{'a':null}},'metadata':{'reported':{'a':{'timestamp':" + NOW
                + "}}},'version':2,'timestamp':" + NOW + ",'clientToken':'t'}"), u.accepted());
    }

    @Test
    void documents_carry_the_previous_and_the_current_state() {
        update("{'state':{'reported':{'a':1}}}");
        Updated u = update("{'state':{'desired':{'a':2}}}");
        JsonNode docs = u.documents();
        assertJson(json("{'reported':{'a':1}}"), docs.at("/previous/state"));
        assertEquals(1, docs.at("/previous/version").asLong());
        assertJson(json("{'desired':{'a':2},'reported':{'a':1}}"), docs.at("/current/state"));
        assertEquals(2, docs.at("/current/version").asLong());
        assertJson(json("{'desired':{'a':{'timestamp':" + NOW + "}},'reported':{'a':{'timestamp':" + NOW + "}}}"),
                docs.at("/current/metadata"));
        assertEquals(NOW, docs.get("timestamp").asLong());
    }

    @Test
    void get_answers_state_with_delta_metadata_version_and_timestamp() {
        update("{'state':{'desired':{'color':'green'},'reported':{'color':'red'}}}");
        assertJson(json("{'state':{'desired':{'color':'green'},'reported':{'color':'red'},'delta':{'color':'green'}},"
                + "'metadata':{'desired':{'color':{'timestamp':" + NOW + "}},'reported':{'color':{'timestamp':" + NOW
                + "}}},'version':1,'timestamp':" + NOW + "}"), document());
    }

    @Test
    void a_missing_shadow_is_a_404_naming_the_thing_or_the_named_shadow() {
        Rejected classic = assertInstanceOf(Rejected.class, shadows.get(THING, null));
        assertEquals("No shadow exists with name: 'myThing'", classic.payload().get("message").asText());
        assertEquals(404, classic.payload().get("code").asInt());
        assertEquals(NOW, classic.payload().get("timestamp").asLong());
        Rejected named = assertInstanceOf(Rejected.class, shadows.delete(ShadowName.named("myThing", "Limits"), null));
        assertEquals("No shadow exists with name: 'Limits'", named.payload().get("message").asText());
    }

    @Test
    void delete_keeps_the_version_numbering() {
        update("{'state':{'reported':{'a':1}}}");
        update("{'state':{'reported':{'a':2}}}");
        assertEquals(2, assertInstanceOf(Deleted.class, shadows.delete(THING, null)).payload().get("version").asLong());
        assertEquals(ShadowError.NO_SHADOW, assertInstanceOf(Rejected.class, shadows.get(THING, null)).error());
        Updated again = update("{'state':{'reported':{'b':1}}}");
        assertEquals(3, again.accepted().get("version").asLong());
        assertJson(json("{'reported':{'b':1}}"), state());
        assertFalse(again.documents().has("previous"), "a re-created shadow has no previous document");
    }

    @Test
    void an_empty_shadow_is_valid() {
        update("{'state':{}}");
        assertJson(json("{}"), state());
    }

    @Test
    void named_shadows_are_separate_from_the_classic_shadow_and_listed_by_thing() {
        shadows.update(ShadowName.named("myThing", "b"), bytes("{'state':{'reported':{'x':1}}}"));
        shadows.update(ShadowName.named("myThing", "a"), bytes("{'state':{'reported':{'x':2}}}"));
        shadows.update(ShadowName.named("other", "c"), bytes("{'state':{'reported':{'x':3}}}"));
        update("{'state':{'reported':{'x':0}}}");
        assertEquals(List.of("a", "b"), shadows.namedShadowsOf("myThing"));
        assertJson(json("{'reported':{'x':0}}"), state());
        shadows.delete(ShadowName.named("myThing", "a"), null);
        assertEquals(List.of("b"), shadows.namedShadowsOf("myThing"));
        assertTrue(shadows.namedShadowsOf("nobody").isEmpty());
    }

    /** The "Device Shadow service documents" example: a desired color change, then the device reports it. */
    @Test
    void the_developer_guide_example_of_a_desired_change_then_a_report() {
        update("{'state':{'reported':{'color':'red'}}}");
        Updated app = update("{'state':{'desired':{'color':'green'}}}");
        assertJson(json("{'color':'green'}"), app.delta().get("state"));
        Updated device = update("{'state':{'reported':{'color':'green'}}}");
        assertNull(device.delta());
        assertJson(json("{'desired':{'color':'green'},'reported':{'color':'green'}}"), state());
        assertEquals(3, document().get("version").asLong());
    }
}
