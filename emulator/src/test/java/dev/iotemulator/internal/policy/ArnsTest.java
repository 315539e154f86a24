package dev.iotemulator.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArnsTest {

    private final Arns arns = new Arns("eu-west-1", "123456789012");

    @Test
    void builds_each_resource_type_under_the_region_and_account() {
        assertEquals("arn:aws:iot:eu-west-1:123456789012:client/c1", arns.client("c1"));
        assertEquals("arn:aws:iot:eu-west-1:123456789012:topic/a/b", arns.topic("a/b"));
        assertEquals("arn:aws:iot:eu-west-1:123456789012:topicfilter/a/+/#", arns.topicFilter("a/+/#"));
        assertEquals("arn:aws:iot:eu-west-1:123456789012:thing/t1", arns.thing("t1"));
        assertEquals("arn:aws:iot:eu-west-1:123456789012:thing/t1/config", arns.thing("t1", "config"));
    }

    @Test
    void keeps_shadow_topics_with_a_dollar_verbatim() {
        assertEquals("arn:aws:iot:eu-west-1:123456789012:topic/$aws/things/t1/shadow/get",
                arns.topic("$aws/things/t1/shadow/get"));
    }
}
