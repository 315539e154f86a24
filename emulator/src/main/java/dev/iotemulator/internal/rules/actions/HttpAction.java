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
import java.util.List;

/**
 * {@code http}: POSTs the SELECT output to a URL (templates allowed) with the configured headers (values may be
 * templates). AWS requires HTTPS and a confirmed destination; locally any http(s) URL is reached without the
 * confirmation step. A 2xx answer is success, anything else fails the action. SigV4 signing ({@code auth.sigv4}) is
 * not emulated: the request goes unsigned and the explanation says so.
 */
final class HttpAction implements RuleAction {

    private final Template url;
    private final List<String> headerKeys = new ArrayList<>();
    private final List<Template> headerValues = new ArrayList<>();
    private final boolean sigv4;
    private final HttpClient http;

    HttpAction(Fields fields, HttpClient http) {
        this.url = fields.template("url");
        for (JsonNode h : fields.node("headers")) {
            headerKeys.add(h.path("key").asText());
            headerValues.add(fields.of(h).template("value"));
        }
        this.sigv4 = !fields.node("auth").path("sigv4").isMissingNode();
        this.http = http;
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
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(to)).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(input.payload()));
        } catch (IllegalArgumentException e) {
            throw new ActionFailure("The URL '" + to + "' is not valid: " + e.getMessage());
        }
        boolean contentType = false;
        for (int i = 0; i < headerKeys.size(); i++) {
            request.header(headerKeys.get(i), input.render(headerValues.get(i)));
            contentType |= headerKeys.get(i).equalsIgnoreCase("content-type");
        }
        if (!contentType) {
            request.header("Content-Type", "application/json");
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
        String answer = "HTTP " + response.statusCode() + (sigv4 ? " (auth.sigv4 is not emulated: sent unsigned)" : "");
        if (response.statusCode() / 100 != 2) {
            throw new ActionFailure("The HTTP endpoint " + to + " answered " + answer + ": " + preview(response.body()));
        }
        return answer;
    }

    private static String preview(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
