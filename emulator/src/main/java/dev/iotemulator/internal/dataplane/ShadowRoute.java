package dev.iotemulator.internal.dataplane;

import dev.iotemulator.internal.shadow.ShadowName;
import dev.iotemulator.internal.shadow.ShadowTopics.Operation;
import dev.iotemulator.internal.shadow.ShadowTopics.Request;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * {@code GET|POST|DELETE /things/{thingName}/shadow[?name=]} (AWS IoT Data "GetThingShadow", "UpdateThingShadow",
 * "DeleteThingShadow"). Errors answer with the HTTP status and AWS's shadow error document; no {@code /rejected}
 * message is published. Accepted updates and deletes publish the same MQTT messages as MQTT requests.
 */
final class ShadowRoute implements Route {

    private final DataPlaneServices services;
    private final Operation operation;
    private final String action;

    ShadowRoute(DataPlaneServices services, Operation operation, String action) {
        this.services = services;
        this.operation = operation;
        this.action = action;
    }

    @Override
    public HttpAnswer handle(HttpCall call, Matcher path, String principal) {
        String thing = HttpCall.decode(path.group(1));
        String shadow = call.query("name");
        ShadowName name = shadow == null || shadow.isEmpty() ? ShadowName.classic(thing)
                : ShadowName.named(thing, shadow);
        Optional<String> problem = name.problem();
        if (problem.isPresent()) {
            return HttpAnswer.badRequest(problem.get());
        }
        String resource = name.isClassic() ? services.arns().thing(thing) : services.arns().thing(thing, shadow);
        Optional<HttpAnswer> denied = services.authorize(principal, action, resource, call);
        if (denied.isPresent()) {
            return denied.get();
        }
        return HttpAnswer.of(services.shadows().onHttp(new Request(name, operation), call.body()));
    }

}
