package dev.iotemulator.internal.dataplane;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.mqtt.RetainedStore.Retained;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/** {@code GET /retainedMessage?maxResults=&nextToken=} (AWS IoT Data "ListRetainedMessages"), by topic. */
final class ListRetainedMessagesRoute implements Route {

    private final DataPlaneServices services;

    ListRetainedMessagesRoute(DataPlaneServices services) {
        this.services = services;
    }

    @Override
    public HttpAnswer handle(HttpCall call, Matcher path, String principal) {
        Optional<HttpAnswer> denied = services.authorize(principal, "iot:ListRetainedMessages", "*", call);
        if (denied.isPresent()) {
            return denied.get();
        }
        List<Retained> all = services.retained().list();
        String token = call.query("nextToken");
        List<Retained> page;
        int size;
        try {
            size = Paging.size(call.query("maxResults"), 200, 200, "maxResults");
            page = Paging.page(all, token, size);
        } catch (IllegalArgumentException e) {
            return HttpAnswer.badRequest(e.getMessage());
        }
        ObjectNode body = HttpAnswer.JSON.createObjectNode();
        ArrayNode topics = body.putArray("retainedTopics");
        for (Retained r : page) {
            topics.addObject().put("topic", r.topic()).put("payloadSize", r.payload().length).put("qos", r.qos())
                    .put("lastModifiedTime", r.lastModifiedMillis());
        }
        String next = Paging.next(all.size(), token, size);
        if (next != null) {
            body.put("nextToken", next);
        }
        return HttpAnswer.ok(body);
    }
}
