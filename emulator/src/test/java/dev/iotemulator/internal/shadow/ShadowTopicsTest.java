package dev.iotemulator.internal.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShadowTopicsTest {

    @Test
    void classic_and_named_request_topics_are_recognised_with_their_response_topics() {
        var classic = ShadowTopics.parse("$aws/things/t1/shadow/update").orElseThrow();
        assertEquals(ShadowName.classic("t1"), classic.name());
        assertEquals("$aws/things/t1/shadow/update/delta", classic.responseTopic("delta"));
        var named = ShadowTopics.parse("$aws/things/t1/shadow/name/cfg/get").orElseThrow();
        assertEquals(ShadowName.named("t1", "cfg"), named.name());
        assertEquals(ShadowTopics.Operation.GET, named.operation());
        assertEquals("$aws/things/t1/shadow/name/cfg/get/accepted", named.responseTopic("accepted"));
    }

    @Test
    void response_topics_and_other_topics_are_not_requests() {
        assertTrue(ShadowTopics.parse("$aws/things/t1/shadow/update/accepted").isEmpty());
        assertTrue(ShadowTopics.parse("things/t1/shadow/update").isEmpty());
        assertTrue(ShadowTopics.parse("$aws/things/t1/shadow/name/x/list").isEmpty());
    }
}
