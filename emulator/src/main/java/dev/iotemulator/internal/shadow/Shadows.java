package dev.iotemulator.internal.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.shadow.ShadowResult.Deleted;
import dev.iotemulator.internal.shadow.ShadowResult.Document;
import dev.iotemulator.internal.shadow.ShadowResult.Rejected;
import dev.iotemulator.internal.shadow.ShadowResult.Updated;
import dev.iotemulator.internal.store.CollectionNames;
import dev.iotemulator.internal.store.DocumentStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Device Shadow engine: classic and named shadows of every thing, with AWS's merge, version, delta, metadata
 * and error rules (AWS IoT Developer Guide, "Device Shadow service documents", "Device Shadow MQTT topics",
 * "Device Shadow error messages"). Transport-free: takes request payloads, answers the response documents.
 * Timestamps are epoch seconds. A deleted shadow keeps its version, so re-creating it continues the numbering.
 *
 * <p>Every change is written to the {@link DocumentStore} before its answer is returned, so an accepted update
 * survives a restart (AWS keeps shadows durably); the store's collection {@value CollectionNames#SHADOWS} holds one
 * document per shadow, keyed {@code <thing>/<shadow name>} ({@code <thing>/} for the classic shadow).
 */
public final class Shadows {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Clock clock;
    private final DocumentStore store;
    private final Map<ShadowName, Stored> shadows = new HashMap<>();

    /** Shadows kept in memory only. */
    public Shadows(Clock clock) {
        this(clock, DocumentStore.inMemory());
    }

    /** Shadows kept in {@code store}, starting with those it already holds. */
    public Shadows(Clock clock, DocumentStore store) {
        this.clock = clock;
        this.store = store;
        store.entries(CollectionNames.SHADOWS).forEach((key, document) -> load(key, document));
    }

    private void load(String key, byte[] document) {
        int slash = key.indexOf('/');
        String shadow = key.substring(slash + 1);
        try {
            JsonNode json = JSON.readTree(document);
            Stored stored = new Stored();
            stored.state = json.get("state") instanceof ObjectNode state ? state : null;
            stored.metadata = json.get("metadata") instanceof ObjectNode metadata ? metadata : null;
            stored.version = json.path("version").asLong();
            shadows.put(new ShadowName(key.substring(0, slash), shadow.isEmpty() ? null : shadow), stored);
        } catch (IOException e) {
            throw new IllegalStateException("the stored shadow " + key + " is not JSON: " + e.getMessage(), e);
        }
    }

    private void save(ShadowName name, Stored stored) {
        ObjectNode json = JSON.createObjectNode().put("version", stored.version);
        json.set("state", stored.state);
        json.set("metadata", stored.metadata);
        store.put(CollectionNames.SHADOWS, name.thingName() + "/" + (name.isClassic() ? "" : name.shadowName()),
                json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One shadow; {@code state} null while it does not exist (never created, or deleted). */
    private static final class Stored {
        ObjectNode state;
        ObjectNode metadata;
        long version;
    }

    public synchronized ShadowResult get(ShadowName name, byte[] payload) {
        long now = now();
        String clientToken = clientTokenOf(payload);
        Stored stored = shadows.get(name);
        if (stored == null || stored.state == null) {
            return rejected(ShadowError.NO_SHADOW, name, now, clientToken);
        }
        ObjectNode state = stored.state.deepCopy();
        ObjectNode delta = ShadowTrees.delta((ObjectNode) stored.state.get("desired"), stored.state.get("reported"));
        if (!delta.isEmpty()) {
            state.set("delta", delta);
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.set("state", state);
        doc.set("metadata", stored.metadata.deepCopy());
        doc.put("version", stored.version).put("timestamp", now);
        putToken(doc, clientToken);
        return new Document(doc);
    }

    public synchronized ShadowResult update(ShadowName name, byte[] payload) {
        long now = now();
        JsonNode request;
        try {
            request = parse(payload);
        } catch (CharacterCodingException e) {
            return rejected(ShadowError.UNSUPPORTED_ENCODING, name, now, null);
        } catch (IOException e) {
            return rejected(ShadowError.INVALID_JSON, name, now, null);
        }
        if (request == null || !request.isObject()) {
            return rejected(ShadowError.INVALID_JSON, name, now, null);
        }
        JsonNode token = request.get("clientToken");
        if (token != null && (!token.isTextual()
                || token.textValue().getBytes(StandardCharsets.UTF_8).length > ShadowLimits.MAX_CLIENT_TOKEN_BYTES)) {
            return rejected(ShadowError.INVALID_CLIENT_TOKEN, name, now, null);
        }
        String clientToken = token == null ? null : token.textValue();
        ShadowError invalid = validate(request);
        if (invalid != null) {
            return rejected(invalid, name, now, clientToken);
        }
        Stored stored = shadows.computeIfAbsent(name, n -> new Stored());
        JsonNode version = request.get("version");
        if (version != null && version.longValue() != stored.version) {
            return rejected(ShadowError.VERSION_CONFLICT, name, now, clientToken);
        }
        ObjectNode requestState = (ObjectNode) request.get("state");
        ObjectNode previousState = stored.state == null ? null : stored.state.deepCopy();
        ObjectNode previousMetadata = stored.metadata == null ? null : stored.metadata.deepCopy();
        ObjectNode state = previousState == null ? JSON.createObjectNode() : previousState.deepCopy();
        ObjectNode metadata = previousMetadata == null ? JSON.createObjectNode() : previousMetadata.deepCopy();
        ShadowTrees.merge(state, metadata, requestState, now);
        if (stateBytes(state) > ShadowLimits.MAX_STATE_BYTES) {
            return rejected(ShadowError.PAYLOAD_TOO_LARGE, name, now, clientToken);
        }
        stored.state = state;
        stored.metadata = metadata;
        stored.version++;
        save(name, stored);

        ObjectNode accepted = JSON.createObjectNode();
        accepted.set("state", requestState.deepCopy());
        accepted.set("metadata", ShadowTrees.stamp(requestState, now));
        accepted.put("version", stored.version).put("timestamp", now);
        putToken(accepted, clientToken);

        ObjectNode delta = null;
        ObjectNode deltaState = ShadowTrees.delta((ObjectNode) state.get("desired"), state.get("reported"));
        if (requestState.has("desired") && !deltaState.isEmpty()) {
            delta = JSON.createObjectNode();
            delta.put("version", stored.version).put("timestamp", now);
            delta.set("state", deltaState);
            delta.set("metadata", ShadowTrees.metadataFor(deltaState, metadata.get("desired")));
            putToken(delta, clientToken);
        }

        ObjectNode documents = JSON.createObjectNode();
        if (previousState != null) {
            documents.set("previous", snapshot(previousState, previousMetadata, stored.version - 1));
        }
        documents.set("current", snapshot(state, metadata, stored.version));
        documents.put("timestamp", now);
        putToken(documents, clientToken);
        return new Updated(accepted, delta, documents);
    }

    public synchronized ShadowResult delete(ShadowName name, byte[] payload) {
        long now = now();
        String clientToken = clientTokenOf(payload);
        Stored stored = shadows.get(name);
        if (stored == null || stored.state == null) {
            return rejected(ShadowError.NO_SHADOW, name, now, clientToken);
        }
        stored.state = null;
        stored.metadata = null;
        save(name, stored);
        ObjectNode doc = JSON.createObjectNode().put("version", stored.version).put("timestamp", now);
        putToken(doc, clientToken);
        return new Deleted(doc);
    }

    /** The names of a thing's existing named shadows, sorted; never the classic shadow. */
    public synchronized List<String> namedShadowsOf(String thingName) {
        List<String> names = new ArrayList<>();
        shadows.forEach((name, stored) -> {
            if (name.thingName().equals(thingName) && !name.isClassic() && stored.state != null) {
                names.add(name.shadowName());
            }
        });
        names.sort(null);
        return names;
    }

    /** An existing shadow, as the admin API lists it. */
    public record Listed(ShadowName name, long version) {
    }

    /** Every existing shadow, classic and named, sorted by thing then shadow name (classic first). */
    public synchronized List<Listed> list() {
        List<Listed> listed = new ArrayList<>();
        shadows.forEach((name, stored) -> {
            if (stored.state != null) {
                listed.add(new Listed(name, stored.version));
            }
        });
        listed.sort(Comparator.comparing((Listed l) -> l.name().thingName())
                .thenComparing(l -> l.name().shadowName(), Comparator.nullsFirst(Comparator.naturalOrder())));
        return listed;
    }

    /** Forgets every shadow, in memory and in the store. */
    public synchronized void clear() {
        shadows.clear();
        store.clear(CollectionNames.SHADOWS);
    }

    /** The current epoch second, as shadow timestamps have it. */
    public long now() {
        return clock.millis() / 1000;
    }

    /** AWS's error document for {@code error}, as {@code /rejected} topics and HTTP bodies carry it. */
    public ObjectNode errorDocument(ShadowError error, ShadowName name, String clientToken) {
        ObjectNode doc = JSON.createObjectNode().put("code", error.code())
                .put("message", error.message(name == null ? "" : name.displayName()))
                .put("timestamp", now());
        putToken(doc, clientToken);
        return doc;
    }

    private static ShadowError validate(JsonNode request) {
        JsonNode version = request.get("version");
        if (version != null && !(version.canConvertToLong() && version.isIntegralNumber() && version.longValue() >= 0)) {
            return ShadowError.INVALID_VERSION;
        }
        JsonNode state = request.get("state");
        if (state == null) {
            return ShadowError.MISSING_STATE;
        }
        if (!state.isObject()) {
            return ShadowError.STATE_NOT_OBJECT;
        }
        for (var it = state.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("desired") && !field.equals("reported")) {
                return ShadowError.INVALID_STATE_NODE;
            }
        }
        JsonNode desired = state.get("desired");
        if (desired != null && !desired.isObject() && !desired.isNull()) {
            return ShadowError.DESIRED_NOT_OBJECT;
        }
        JsonNode reported = state.get("reported");
        if (reported != null && !reported.isObject() && !reported.isNull()) {
            return ShadowError.REPORTED_NOT_OBJECT;
        }
        for (JsonNode section : state) {
            if (ShadowTrees.depth(section) > ShadowLimits.MAX_DEPTH) {
                return ShadowError.TOO_DEEP;
            }
            if (ShadowTrees.hasNullInArray(section)) {
                return ShadowError.INVALID_JSON;
            }
        }
        return null;
    }

    private static JsonNode parse(byte[] payload) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(payload)).toString();
        return JSON.readTree(text);
    }

    /** The clientToken of a get or delete request, which AWS echoes; anything unreadable is ignored. */
    private static String clientTokenOf(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try {
            JsonNode token = JSON.readTree(payload).get("clientToken");
            return token != null && token.isTextual() ? token.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int stateBytes(ObjectNode state) {
        try {
            return JSON.writeValueAsBytes(state).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode snapshot(ObjectNode state, ObjectNode metadata, long version) {
        ObjectNode s = JSON.createObjectNode();
        s.set("state", state.deepCopy());
        s.set("metadata", metadata.deepCopy());
        s.put("version", version);
        return s;
    }

    private Rejected rejected(ShadowError error, ShadowName name, long now, String clientToken) {
        ObjectNode doc = JSON.createObjectNode().put("code", error.code())
                .put("message", error.message(name.displayName())).put("timestamp", now);
        putToken(doc, clientToken);
        return new Rejected(error, doc);
    }

    private static void putToken(ObjectNode doc, String clientToken) {
        if (clientToken != null) {
            doc.put("clientToken", clientToken);
        }
    }
}
