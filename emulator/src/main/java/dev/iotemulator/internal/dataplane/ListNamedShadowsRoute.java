package dev.iotemulator.internal.dataplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * {@code GET /api/things/shadow/ListNamedShadowsForThing/{thingName}?nextToken=&pageSize=} (AWS IoT Data
 * "ListNamedShadowsForThing"): the thing's named shadows, never the classic one; an unknown thing has none.
 */
final class ListNamedShadowsRoute implements Route {

    private final DataPlaneServices services;

    ListNamedShadowsRoute(DataPlaneServices services) {
        this.services = services;
    }

    @Override
    public HttpAnswer handle(HttpCall call, Matcher path, String principal) {
        String thing = HttpCall.decode(path.group(1));
        Optional<HttpAnswer> denied = services.authorize(principal, "iot:ListNamedShadowsForThing",
                services.arns().thing(thing), call);
        if (denied.isPresent()) {
            return denied.get();
        }
        List<String> all = services.shadows().shadows().namedShadowsOf(thing);
        String token = call.query("nextToken");
        List<String> page;
        int size;
        try {
            size = Paging.size(call.query("pageSize"), 25, 100, "pageSize");
            page = Paging.page(all, token, size);
        } catch (IllegalArgumentException e) {
            return HttpAnswer.badRequest(e.getMessage());
        }
        ObjectNode body = HttpAnswer.JSON.createObjectNode();
        page.forEach(body.putArray("results")::add);
        String next = Paging.next(all.size(), token, size);
        if (next != null) {
            body.put("nextToken", next);
        }
        body.put("timestamp", services.shadows().shadows().now());
        return HttpAnswer.ok(body);
    }
}
