package dev.iotemulator.internal.http.admin;

import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.journal.Journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.MessageProperties;
import dev.iotemulator.internal.mqtt.AwsTopics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        ObjectNode body = HttpResponses.JSON.createObjectNode().put("count", latest.size());
        ArrayNode list = body.putArray("entries");
        for (JournalEntry entry : latest) {
            ObjectNode node = list.addObject()
                    .put("time", entry.time().toString())
                    .put("kind", entry.kind().name())
                    .put("clientId", entry.clientId())
                    .put("principal", entry.principal())
                    .put("topic", entry.topic())
                    .put("qos", entry.qos())
                    .put("retain", entry.retain());
            writePayload(entry.payload(), node);
            if (entry.detail() != null) {
                node.put("detail", entry.detail());
            }
            if (entry.source() != null) {
                node.put("source", entry.source());
            }
            if (entry.properties() != null) {
                writeProperties(entry.properties(), node.putObject("properties"));
            }
        }
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }

    /** MQTT 5 properties as JSON: correlation data in base64, user properties as name/value objects in order. */
    static void writeProperties(MessageProperties p, ObjectNode node) {
        if (p.payloadFormatIndicator() != null) {
            node.put("payloadFormatIndicator", p.payloadFormatIndicator());
        }
        if (p.contentType() != null) {
            node.put("contentType", p.contentType());
        }
        if (p.responseTopic() != null) {
            node.put("responseTopic", p.responseTopic());
        }
        if (p.correlationData() != null) {
            node.put("correlationData", Base64.getEncoder().encodeToString(p.correlationData()));
        }
        if (p.messageExpiryInterval() != null) {
            node.put("messageExpiryInterval", p.messageExpiryInterval());
        }
        ArrayNode users = node.putArray("userProperties");
        p.userProperties().forEach(u -> users.addObject().put("name", u.name()).put("value", u.value()));
    }

    private static void writePayload(byte[] payload, ObjectNode node) {
        try {
            node.put("payload", StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString());
            node.put("payloadEncoding", "utf-8");
        } catch (CharacterCodingException e) {
            node.put("payload", Base64.getEncoder().encodeToString(payload));
            node.put("payloadEncoding", "base64");
        }
    }
}
