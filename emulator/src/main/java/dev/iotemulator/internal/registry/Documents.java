package dev.iotemulator.internal.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.iotemulator.internal.store.DocumentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records of the registry, jobs and provisioning as JSON documents of the {@link DocumentStore}: Jackson for the
 * records, instants as ISO-8601 text, unknown members ignored so a newer document still reads.
 */
public final class Documents {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator out, SerializerProvider p)
                                throws IOException {
                            out.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser in, DeserializationContext c) throws IOException {
                            return Instant.parse(in.getValueAsString());
                        }
                    }));

    private final DocumentStore store;

    public Documents(DocumentStore store) {
        this.store = store;
    }

    public void put(String collection, String key, Object record) {
        try {
            store.put(collection, key, MAPPER.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String collection, String key) {
        store.delete(collection, key);
    }

    /** Every document of a collection as {@code type}, by key. */
    public <T> Map<String, T> all(String collection, Class<T> type) {
        Map<String, T> records = new LinkedHashMap<>();
        store.entries(collection).forEach((key, bytes) -> {
            try {
                records.put(key, MAPPER.readValue(bytes, type));
            } catch (IOException e) {
                throw new IllegalStateException("The stored document " + collection + "/" + key + " cannot be read ("
                        + e.getMessage() + "); move the data directory's store aside to start afresh.", e);
            }
        });
        return records;
    }
}
