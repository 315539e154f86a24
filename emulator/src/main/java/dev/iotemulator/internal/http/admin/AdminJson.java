package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.internal.authz.DecisionJson;
import dev.iotemulator.internal.authz.DenialLog;
import dev.iotemulator.internal.refusals.RefusalLog;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * How the admin routes and the console's event stream write journal entries, policy denials and refusals: one shape
 * for each, wherever it is read.
 */
public final class AdminJson {

    private AdminJson() {
    }

    /**
     * A journal entry; the payload as text or base64 ({@link #payload}), cut
     * to {@code maxPayloadBytes} ({@code payloadTruncated}) and with its full size ({@code payloadSize}).
     */
    public static ObjectNode journalEntry(JournalEntry entry, int maxPayloadBytes, ObjectNode node) {
        node.put("time", entry.time().toString())
                .put("kind", entry.kind().name())
                .put("clientId", entry.clientId())
                .put("principal", entry.principal())
                .put("topic", entry.topic())
                .put("qos", entry.qos())
                .put("retain", entry.retain());
        byte[] payload = entry.payload();
        boolean truncated = payload.length > maxPayloadBytes;
        payload(truncated ? Arrays.copyOf(payload, maxPayloadBytes) : payload, node);
        node.put("payloadSize", entry.payload().length);
        if (truncated) {
            node.put("payloadTruncated", true);
        }
        if (entry.detail() != null) {
            node.put("detail", entry.detail());
        }
        if (entry.source() != null) {
            node.put("source", entry.source());
        }
        return node;
    }

    /** {@code payload} as text when {@link #asText} allows, base64 otherwise, as {@code payloadEncoding} says. */
    public static void payload(byte[] payload, ObjectNode node) {
        String text = asText(payload);
        node.put("payload", text != null ? text : Base64.getEncoder().encodeToString(payload));
        node.put("payloadEncoding", text != null ? "utf-8" : "base64");
    }

    /**
     * The payload as text when it is valid UTF-8 without control characters other than tab and line breaks; null
     * otherwise (it goes as base64: a payload of NUL bytes would take six times its size as JSON escapes).
     */
    public static String asText(byte[] payload) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return null;
            }
        }
        return text;
    }

    /** A policy denial with the decision, in AWS TestAuthorization's terms ({@link DecisionJson}). */
    public static ObjectNode denial(DenialLog.Denial denial, ObjectNode node) {
        node.put("time", denial.at().toString())
                .put("action", denial.action())
                .put("resource", denial.resource())
                .put("principal", denial.principal())
                .put("clientId", denial.clientId())
                .put("consequence", denial.consequence());
        return DecisionJson.write(denial.decision(), node);
    }

    /** A refusal: kind, reason code, message, who and where from, and its details by name. */
    public static ObjectNode refusal(RefusalLog.Refusal refusal, ObjectNode node) {
        node.put("time", refusal.at().toString())
                .put("kind", refusal.kind().name())
                .put("reason", refusal.reason())
                .put("message", refusal.message())
                .put("clientId", refusal.clientId())
                .put("principal", refusal.principal())
                .put("remote", refusal.remote());
        ObjectNode details = node.putObject("details");
        refusal.details().forEach(details::put);
        return node;
    }
}
