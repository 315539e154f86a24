package dev.iotemulator.internal.http.admin;

import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.journal.Journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.internal.mqtt.AwsTopics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * {@code GET /__emulator/journal?topic=<filter>&limit=N}: the latest N journal entries (default 1000), oldest first,
 * only those whose topic matches the filter (AWS rules) when one is given. Payloads are UTF-8 text when they decode,
 * base64 otherwise, as {@code payloadEncoding} says.
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
            AdminJson.journalEntry(entry, Integer.MAX_VALUE, list.addObject());
        }
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
