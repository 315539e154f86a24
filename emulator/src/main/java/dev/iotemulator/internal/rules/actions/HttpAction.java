package dev.iotemulator.internal.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.sql.Template;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code http}: POSTs the SELECT output to a URL (templates allowed) with the configured headers (values may be
 * templates). AWS requires HTTPS and a confirmed destination; locally any http(s) URL is reached without the
 * confirmation step. A 2xx answer is success, anything else fails the action. With {@code auth.sigv4} the request is
 * signed for its {@code signingRegion} and {@code serviceName} (see {@link HttpSigning}).
 */
final class HttpAction implements RuleAction {

    private final Template url;
    private final List<String> headerKeys = new ArrayList<>();
    private final List<Template> headerValues = new ArrayList<>();
    /** {@code auth.sigv4}'s region and service; null when the request goes unsigned. */
    private final String signingRegion;
    private final String signingService;
    private final HttpClient http;
    private final HttpSigning signing;

    HttpAction(Fields fields, HttpClient http, HttpSigning signing) {
        this.url = fields.template("url");
        for (JsonNode h : fields.node("headers")) {
            headerKeys.add(h.path("key").asText());
            headerValues.add(fields.of(h).template("value"));
        }
        Fields sigv4 = fields.of(fields.node("auth").path("sigv4"));
        this.signingRegion = sigv4.text("signingRegion", null);
        this.signingService = sigv4.text("serviceName", null);
        this.http = http;
        this.signing = signing;
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(url);
    }

    @Override
    public String run(ActionInput input) {
        String to = target(input);
        URI uri;
        try {
            uri = URI.create(to);
        } catch (IllegalArgumentException e) {
            throw new ActionFailure("The URL '" + to + "' is not valid: " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(input.payload()));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerKeys.size(); i++) {
            headers.put(headerKeys.get(i), input.render(headerValues.get(i)));
        }
        if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/json");
        }
        if (signingRegion != null) {
            signing.sign(uri, headers, input.payload(), signingRegion, signingService)
                    .forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        } else {
            headers.forEach(request::header);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ActionFailure("Failed to send the HTTP request to " + to + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionFailure("interrupted while calling " + to, e);
        }
        String answer = "HTTP " + response.statusCode() + (signingRegion != null ? " (signed with SigV4 for "
                + signingService + " in " + signingRegion + ")" : "");
        if (response.statusCode() / 100 != 2) {
            throw new ActionFailure("The HTTP endpoint " + to + " answered " + answer + ": " + preview(response.body()));
        }
        return answer;
    }

    private static String preview(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
