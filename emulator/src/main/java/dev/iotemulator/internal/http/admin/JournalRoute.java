package dev.iotemulator.internal.http.admin;

import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.journal.Journal;

import dev.iotemulator.JournalEntry;
import dev.iotemulator.MessageProperties;
import dev.iotemulator.internal.mqtt.AwsTopics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /__emulator/journal?topic=<filter>&limit=N}: the latest N journal entries (default 1000), oldest first,
 * only those whose topic matches the filter (AWS rules) when one is given. Payloads are UTF-8 text when they decode,
 * base64 otherwise, as {@code payloadEncoding} says; an MQTT 5 message's {@code properties} come along.
 */
public final class JournalRoute implements Route.Handler {

    public static final String PATH = "/__emulator/journal";
    private static final int DEFAULT_LIMIT = 1000;

    private final Journal journal;

    public JournalRoute(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String filter = HttpResponses.param(request, "topic", null);
        int limit;
        try {
            limit = Integer.parseInt(HttpResponses.param(request, "limit", String.valueOf(DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 0) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
                    "limit must be a whole number of 0 or more, as in " + PATH + "?limit=100.");
            return;
        }
        List<JournalEntry> entries = journal.entries().stream()
                .filter(e -> filter == null || (e.topic() != null && AwsTopics.matches(filter, e.topic())))
                .toList();
        List<JournalEntry> latest = entries.subList(Math.max(0, entries.size() - limit), entries.size());
        // Streamed: the journal holds up to 32 MB of payloads, and a tree of nodes and a String of it would take
        // several times that again.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = HttpResponses.JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("count", latest.size());
            json.writeArrayFieldStart("entries");
            for (JournalEntry entry : latest) {
                write(json, entry);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponses.sendJsonBytes(ctx, HttpResponseStatus.OK, out.toByteArray());
    }

    private static void write(JsonGenerator json, JournalEntry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", entry.time().toString());
        json.writeStringField("kind", entry.kind().name());
        json.writeStringField("clientId", entry.clientId());
        json.writeStringField("principal", entry.principal());
        json.writeStringField("topic", entry.topic());
        json.writeNumberField("qos", entry.qos());
        json.writeBooleanField("retain", entry.retain());
        String text = AdminJson.asText(entry.payload());
        json.writeStringField("payload", text != null ? text : Base64.getEncoder().encodeToString(entry.payload()));
        json.writeStringField("payloadEncoding", text != null ? "utf-8" : "base64");
        if (entry.detail() != null) {
            json.writeStringField("detail", entry.detail());
        }
        if (entry.source() != null) {
            json.writeStringField("source", entry.source());
        }
        if (entry.properties() != null) {
            json.writeFieldName("properties");
            write(json, entry.properties());
        }
        json.writeEndObject();
    }

    /** MQTT 5 properties: correlation data in base64, user properties as name/value objects in order. */
    private static void write(JsonGenerator json, MessageProperties p) throws IOException {
        json.writeStartObject();
        if (p.payloadFormatIndicator() != null) {
            json.writeNumberField("payloadFormatIndicator", p.payloadFormatIndicator());
        }
        if (p.contentType() != null) {
            json.writeStringField("contentType", p.contentType());
        }
        if (p.responseTopic() != null) {
            json.writeStringField("responseTopic", p.responseTopic());
        }
        if (p.correlationData() != null) {
            json.writeStringField("correlationData", Base64.getEncoder().encodeToString(p.correlationData()));
        }
        if (p.messageExpiryInterval() != null) {
            json.writeNumberField("messageExpiryInterval", p.messageExpiryInterval());
        }
        json.writeArrayFieldStart("userProperties");
        for (MessageProperties.UserProperty u : p.userProperties()) {
            json.writeStartObject();
            json.writeStringField("name", u.name());
            json.writeStringField("value", u.value());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
