package dev.iotemulator.internal.controlplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One REST-JSON operation: its service, AWS's name for it, and its HTTP binding as the service model gives it
 * ({@code PUT /target-policies/{policyName}}), with the handler that answers it.
 */
public final class Operation {

    /** Answers one authenticated request; throws {@link ApiException} for what AWS would refuse. */
    @FunctionalInterface
    public interface Handler {
        /** @return the JSON body of the 200 answer; null for an empty one */
        ObjectNode handle(ApiRequest request);
    }

    private final Service service;
    private final String name;
    private final String method;
    private final PathTemplate path;
    private final Handler handler;

    Operation(Service service, String name, String method, String template, Handler handler) {
        this.service = service;
        this.name = name;
        this.method = method;
        this.path = new PathTemplate(template);
        this.handler = handler;
    }

    public Service service() {
        return service;
    }

    /** AWS's name, e.g. {@code CreateThing}. */
    public String name() {
        return name;
    }

    public String method() {
        return method;
    }

    /** The request URI of AWS's model, e.g. {@code /things/{thingName}}. */
    public String template() {
        return path.toString();
    }

    Handler handler() {
        return handler;
    }

    /** The path labels of {@code rawPath}, still percent-encoded, or null when the path is not this operation's. */
    Map<String, String> match(String rawPath) {
        return path.match(rawPath);
    }

    int specificity() {
        return path.specificity();
    }
}
