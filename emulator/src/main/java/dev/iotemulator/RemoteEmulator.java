package dev.iotemulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.mqtt.AwsTopics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Drives an emulator running in another process or container through its admin API under {@code /__emulator/},
 * with the same {@link EmulatorControl} interface as the in-process {@link IotEmulator}. Uses only the JDK's
 * {@link HttpClient}; every call has a time-out.
 *
 * <pre>{@code
 * RemoteEmulator iot = RemoteEmulator.connect(URI.create("http://127.0.0.1:8080"))
 *         .awaitHealthy(Duration.ofSeconds(30));
 * iot.reset();
 * // ... connect devices to the emulator's MQTT or WebSocket port, publish ...
 * ReceivedMessage m = iot.awaitMessage("devices/+/telemetry", Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Errors the emulator answers with become {@link IotEmulatorException}s that name the request and carry the
 * emulator's message; so do connection failures and time-outs. Instances are immutable and thread-safe.
 */
public final class RemoteEmulator implements EmulatorControl {

    /** How long a single request may take unless {@link #connect(URI, Duration)} says otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final String ADMIN = "/__emulator";
    private static final Duration FIRST_POLL = Duration.ofMillis(25);
    private static final Duration LONGEST_POLL = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final String adminToken;

    private RemoteEmulator(URI baseUri, Duration requestTimeout, HttpClient http, String adminToken) {
        this.baseUri = baseUri;
        this.requestTimeout = requestTimeout;
        this.http = http;
        this.adminToken = adminToken;
    }

    private RemoteEmulator(URI baseUri, Duration requestTimeout) {
        this(baseUri, requestTimeout, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER).build(), null);
    }

    /**
     * A client for an emulator's {@link Endpoints}: its HTTP port, and its admin token when it has one (as when it
     * listens beyond loopback).
     */
    public static RemoteEmulator connect(Endpoints endpoints) {
        RemoteEmulator remote = connect(endpoints.httpUri());
        return endpoints.adminToken().map(remote::withAdminToken).orElse(remote);
    }

    /**
     * This client, sending {@code token} with every admin request as {@code Authorization: Bearer <token>}: the
     * emulator requires it when it listens beyond loopback (the token is in its start-up banner) or when it was
     * started with {@code --admin-token} ({@code IOT_EMULATOR_ADMIN_TOKEN}).
     */
    public RemoteEmulator withAdminToken(String token) {
        Objects.requireNonNull(token, "token");
        return new RemoteEmulator(baseUri, requestTimeout, http, token);
    }

    /**
     * A client for the emulator whose HTTP port is at {@code adminBaseUri}, such as {@code http://127.0.0.1:8080}
     * (a path, query or trailing slash is ignored). Makes no request yet: see {@link #awaitHealthy(Duration)}.
     */
    public static RemoteEmulator connect(URI adminBaseUri) {
        return connect(adminBaseUri, DEFAULT_REQUEST_TIMEOUT);
    }

    /** {@link #connect(URI)} with a time-out for each request other than {@link #awaitMessage}'s waiting. */
    public static RemoteEmulator connect(URI adminBaseUri, Duration requestTimeout) {
        Objects.requireNonNull(adminBaseUri, "adminBaseUri");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, not " + requestTimeout);
        }
        String scheme = adminBaseUri.getScheme();
        if ((!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) || adminBaseUri.getHost() == null) {
            throw new IllegalArgumentException("adminBaseUri must be the emulator's http:// URL with a host, such as "
                    + "http://127.0.0.1:8080, not " + adminBaseUri);
        }
        URI base = URI.create(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + adminBaseUri.getRawAuthority());
        return new RemoteEmulator(base, requestTimeout);
    }

    /** The emulator's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI adminBaseUri() {
        return baseUri;
    }

    /** Whether {@code GET /__emulator/health} answers {@code {"status":"ok"}} now. */
    public boolean isHealthy() {
        try {
            return "ok".equals(call("GET", "/health", null, null, requestTimeout).path("status").asText());
        } catch (IotEmulatorException e) {
            return false;
        }
    }

    /**
     * Waits until the emulator answers its health check, as after starting its container; returns this.
     *
     * @throws IotEmulatorException when it has not answered within {@code timeout}
     */
    public RemoteEmulator awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        IotEmulatorException last = null;
        Duration pause = FIRST_POLL;
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            try {
                JsonNode health = call("GET", "/health", null, null, min(requestTimeout, positive(left)));
                if ("ok".equals(health.path("status").asText())) {
                    return this;
                }
                last = new IotEmulatorException(baseUri + ADMIN + "/health answered " + health);
            } catch (IotEmulatorException e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IotEmulatorException("The emulator at " + baseUri + " was not healthy within "
                        + timeout.toMillis() + " ms: " + last.getMessage(), last);
            }
            pause = sleep(pause, deadline);
        }
    }

    @Override
    public void reset() {
        JsonNode answer = call("POST", "/reset", null, null, requestTimeout);
        if (!answer.path("reset").asBoolean(false)) {
            throw new IotEmulatorException("POST " + baseUri + ADMIN + "/reset did not complete: " + answer);
        }
    }

    @Override
    public List<JournalEntry> journalEntries() {
        return journalEntries(null, Integer.MAX_VALUE);
    }

    /**
     * The latest {@code limit} journal entries whose topic matches {@code topicFilter} (AWS IoT's rules; entries
     * without a topic are left out), oldest first; all entries when the filter is null. The server-side filter of
     * {@code GET /__emulator/journal?topic=...&limit=...}.
     */
    public List<JournalEntry> journalEntries(String topicFilter, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, not " + limit);
        }
        return journal(topicFilter, limit, requestTimeout);
    }

    @Override
    public ReceivedMessage awaitMessage(String topicFilter, Duration timeout) {
        Objects.requireNonNull(topicFilter, "topicFilter");
        return await(topicFilter, m -> AwsTopics.matches(topicFilter, m.topic()),
                "on a topic matching '" + topicFilter + "'", timeout);
    }

    @Override
    public ReceivedMessage awaitMessage(Predicate<ReceivedMessage> which, Duration timeout) {
        Objects.requireNonNull(which, "which");
        return await(null, which, "satisfying the predicate", timeout);
    }

    /** Polls the journal (with the server-side topic filter when there is one) until a publish satisfies which. */
    private ReceivedMessage await(String filter, Predicate<ReceivedMessage> which, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_POLL;
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            for (JournalEntry entry : journal(filter, Integer.MAX_VALUE, min(requestTimeout, positive(left)))) {
                if (entry.kind() == JournalEntry.Kind.PUBLISH) {
                    ReceivedMessage message = ReceivedMessage.of(entry);
                    if (which.test(message)) {
                        return message;
                    }
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                List<ReceivedMessage> arrived = publishes();
                throw new MessageNotReceivedException(MessageJournal.notReceived(what, filter, timeout, arrived)
                        + (arrived.isEmpty() ? " (Asked " + baseUri + ADMIN + "/journal. If clients did publish, "
                        + "the emulator's journal may be off: --journal-capacity 0.)" : ""));
            }
            pause = sleep(pause, deadline);
        }
    }

    @Override
    public List<ConnectedClient> connectedClients() {
        List<ConnectedClient> clients = new ArrayList<>();
        for (JsonNode c : call("GET", "/clients", null, null, requestTimeout).path("clients")) {
            List<String> subscriptions = new ArrayList<>();
            c.path("subscriptions").forEach(s -> subscriptions.add(s.asText()));
            clients.add(new ConnectedClient(text(c, "clientId"), text(c, "principal"), text(c, "transport"),
                    text(c, "remoteAddress"), subscriptions));
        }
        return List.copyOf(clients);
    }

    @Override
    public void disconnect(String clientId, String reason) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(reason, "reason");
        call("POST", "/clients/" + encodePathSegment(clientId) + "/disconnect", "reason=" + encode(reason), null,
                requestTimeout);
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        Objects.requireNonNull(topic, "topic");
        call("POST", "/publish", "topic=" + encode(topic) + "&qos=" + qos + "&retain=" + retain,
                payload == null ? new byte[0] : payload, requestTimeout);
    }

    @Override
    public DeviceCertificate createDeviceCertificate(String thingName, String... policyNames) {
        ObjectNode body = JSON.createObjectNode();
        if (thingName != null) {
            body.put("thingName", thingName);
        }
        ArrayNode policies = body.putArray("policies");
        for (String policy : policyNames) {
            policies.add(policy);
        }
        body.put("setAsActive", true);
        JsonNode created = call("POST", "/certificates", null, bytes(body), requestTimeout);
        return new DeviceCertificate(text(created, "certificateId"), text(created, "certificateArn"),
                text(created, "certificatePem"), text(created.path("keyPair"), "PublicKey"),
                text(created.path("keyPair"), "PrivateKey"));
    }

    @Override
    public DeviceCertificate createThing(String thingName, String policyName, String policyDocument) {
        ObjectNode body = JSON.createObjectNode().put("thingName", thingName).put("policyName", policyName);
        if (policyDocument != null) {
            body.put("policyDocument", policyDocument);
        }
        JsonNode created = call("POST", "/things", null, bytes(body), requestTimeout);
        return new DeviceCertificate(text(created, "certificateId"), text(created, "certificateArn"),
                text(created, "certificatePem"), text(created.path("keyPair"), "PublicKey"),
                text(created.path("keyPair"), "PrivateKey"));
    }

    @Override
    public void createJob(String jobId, String jobDocument, String... thingNames) {
        ObjectNode body = JSON.createObjectNode().put("jobId", jobId).put("document", jobDocument);
        ArrayNode things = body.putArray("things");
        for (String thing : thingNames) {
            things.add(thing);
        }
        call("POST", "/jobs", null, bytes(body), requestTimeout);
    }

    @Override
    public String jobExecutionStatus(String jobId, String thingName) {
        return text(call("GET", "/jobs/" + encodePathSegment(jobId) + "/things/" + encodePathSegment(thingName), null,
                null, requestTimeout), "status");
    }

    @Override
    public void updateCertificateStatus(String certificateId, CertificateStatus status) {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(status, "status");
        call("PUT", "/certificates/" + encodePathSegment(certificateId), null,
                bytes(JSON.createObjectNode().put("status", status.name())), requestTimeout);
    }

    @Override
    public String caCertificatePem() {
        return new String(send("GET", "/ca.pem", null, null, requestTimeout).body(), StandardCharsets.US_ASCII);
    }

    @Override
    public void createTopicRule(String ruleName, String topicRulePayload) {
        Objects.requireNonNull(ruleName, "ruleName");
        call("POST", "/rules/" + encodePathSegment(ruleName), null,
                topicRulePayload.getBytes(StandardCharsets.UTF_8), requestTimeout);
    }

    @Override
    public void deleteTopicRule(String ruleName) {
        Objects.requireNonNull(ruleName, "ruleName");
        call("DELETE", "/rules/" + encodePathSegment(ruleName), null, null, requestTimeout);
    }

    @Override
    public List<RuleExecution> ruleExecutions() {
        return ruleExecutions(requestTimeout);
    }

    private List<RuleExecution> ruleExecutions(Duration timeout) {
        List<RuleExecution> executions = new ArrayList<>();
        for (JsonNode e : call("GET", "/rules/executions", null, null, timeout).path("executions")) {
            List<String> comparisons = new ArrayList<>();
            e.path("comparisons").forEach(c -> comparisons.add(c.asText()));
            List<RuleExecution.ActionOutcome> actions = new ArrayList<>();
            e.path("actions").forEach(a -> actions.add(outcome(a)));
            executions.add(new RuleExecution(e.path("sequence").asLong(), text(e, "ruleName"),
                    Instant.parse(text(e, "time")), text(e, "topic"), text(e, "clientId"), e.path("fired").asBoolean(),
                    text(e, "where"), comparisons, text(e, "output"), actions,
                    e.hasNonNull("errorAction") ? outcome(e.get("errorAction")) : null));
        }
        return List.copyOf(executions);
    }

    private static RuleExecution.ActionOutcome outcome(JsonNode a) {
        return new RuleExecution.ActionOutcome(text(a, "action"), text(a, "target"), a.path("succeeded").asBoolean(),
                text(a, "detail"));
    }

    /** Polls {@code GET /__emulator/rules/executions} until an execution satisfies {@code which}. */
    @Override
    public RuleExecution awaitRuleExecution(Predicate<RuleExecution> which, Duration timeout) {
        Objects.requireNonNull(which, "which");
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_POLL;
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            List<RuleExecution> executions = ruleExecutions(min(requestTimeout, positive(left)));
            for (RuleExecution e : executions) {
                if (which.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                List<ReceivedMessage> published = publishes();
                String latest = published.isEmpty() ? null : published.get(published.size() - 1).topic();
                throw new RuleNotExecutedException(RuleNotExecutedException.explain("satisfying the predicate",
                        timeout, executions, latest == null ? List.of() : ruleNearMisses(latest), latest));
            }
            pause = sleep(pause, deadline);
        }
    }

    @Override
    public List<String> ruleNearMisses(String topic) {
        List<String> lines = new ArrayList<>();
        call("GET", "/rules/near-misses", "topic=" + encode(topic), null, requestTimeout).path("rules")
                .forEach(l -> lines.add(l.asText()));
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return "RemoteEmulator[" + baseUri + "]";
    }

    private List<JournalEntry> journal(String filter, int limit, Duration timeout) {
        String query = (filter == null ? "" : "topic=" + encode(filter) + "&") + "limit=" + limit;
        List<JournalEntry> entries = new ArrayList<>();
        for (JsonNode e : call("GET", "/journal", query, null, timeout).path("entries")) {
            entries.add(entry(e));
        }
        return List.copyOf(entries);
    }

    private JournalEntry entry(JsonNode e) {
        String payload = text(e, "payload");
        byte[] bytes = payload == null ? new byte[0] : "base64".equals(text(e, "payloadEncoding"))
                ? Base64.getDecoder().decode(payload) : payload.getBytes(StandardCharsets.UTF_8);
        try {
            return new JournalEntry(JournalEntry.Kind.valueOf(text(e, "kind")), Instant.parse(text(e, "time")),
                    text(e, "clientId"), text(e, "principal"), text(e, "topic"), bytes, e.path("qos").asInt(),
                    e.path("retain").asBoolean(), text(e, "detail"), text(e, "source"),
                    properties(e.path("properties")));
        } catch (RuntimeException ex) {
            throw new IotEmulatorException("GET " + baseUri + ADMIN + "/journal answered an entry this client cannot "
                    + "read (" + ex + "): " + e, ex);
        }
    }

    private static MessageProperties properties(JsonNode p) {
        if (p.isMissingNode() || p.isNull()) {
            return null;
        }
        List<MessageProperties.UserProperty> users = new ArrayList<>();
        p.path("userProperties").forEach(u -> users.add(new MessageProperties.UserProperty(text(u, "name"),
                text(u, "value"))));
        String correlation = text(p, "correlationData");
        return new MessageProperties(p.has("payloadFormatIndicator") ? p.get("payloadFormatIndicator").asInt() : null,
                text(p, "contentType"), text(p, "responseTopic"),
                correlation == null ? null : Base64.getDecoder().decode(correlation), users,
                p.has("messageExpiryInterval") ? p.get("messageExpiryInterval").asLong() : null);
    }

    /** Sends a request and reads the JSON answer; any status other than 2xx becomes an IotEmulatorException. */
    private JsonNode call(String method, String path, String query, byte[] body, Duration timeout) {
        HttpResponse<byte[]> response = send(method, path, query, body, timeout);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IotEmulatorException(method + " " + response.uri() + " answered " + response.statusCode()
                    + " with a body that is not JSON: " + preview(response.body()), e);
        }
    }

    private HttpResponse<byte[]> send(String method, String path, String query, byte[] body, Duration timeout) {
        URI uri = URI.create(baseUri + ADMIN + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        if (adminToken != null) {
            builder.header("Authorization", "Bearer " + adminToken);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type",
                    path.equals("/publish") ? "application/octet-stream" : "application/json");
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new IotEmulatorException(method + " " + uri + " got no answer within " + timeout.toMillis()
                    + " ms; is the emulator running and its HTTP port published?", e);
        } catch (IOException e) {
            throw new IotEmulatorException(method + " " + uri + " failed: " + e
                    + "; is the emulator running there, with its HTTP port reachable from here?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IotEmulatorException("interrupted during " + method + " " + uri, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IotEmulatorException(method + " " + uri + " answered " + response.statusCode()
                    + errorOf(response) + (response.statusCode() == 401 && adminToken == null
                    ? " (this RemoteEmulator sends no admin token: use withAdminToken(token))" : ""));
        }
        return response;
    }

    /** ": <ErrorType>: <message>" from the emulator's AWS-shaped error answer, or a preview of the body. */
    private static String errorOf(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("x-amzn-ErrorType").map(t -> t.replaceAll(":.*$", ""))
                .orElse(null);
        String message;
        try {
            JsonNode json = JSON.readTree(response.body());
            message = json != null && json.hasNonNull("message") ? json.get("message").asText()
                    : preview(response.body());
        } catch (IOException e) {
            message = preview(response.body());
        }
        return (type == null ? "" : " " + type) + (message.isEmpty() ? "" : ": " + message);
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Percent-encodes a path segment: the emulator decodes the path, where a plus sign is not a space. */
    private static String encodePathSegment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** At least a second, so the last poll before a deadline still gets an answer. */
    private static Duration positive(Duration left) {
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** Sleeps for {@code pause} (not past the deadline) and returns the next, longer pause. */
    private static Duration sleep(Duration pause, long deadline) {
        long nanos = Math.min(pause.toNanos(), Math.max(0, deadline - System.nanoTime()));
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IotEmulatorException("interrupted while waiting for the emulator", e);
        }
        Duration next = pause.multipliedBy(2);
        return next.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : next;
    }
}
