package dev.iotemulator.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** JSON responses shaped like AWS's restJson ones: {@code x-amzn-RequestId}, {@code x-amzn-ErrorType}, CORS. */
public final class HttpResponses {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Throwable)\\b:?\\s*");
    private static final AttributeKey<Boolean> WILDCARD_CORS = AttributeKey.valueOf("iot-emulator.wildcard-cors");

    private HttpResponses() {
    }

    public static void sendJson(ChannelHandlerContext ctx, HttpResponseStatus status, ObjectNode body,
            String errorType) {
        String requestId = UUID.randomUUID().toString();
        if (errorType != null && !body.has("traceId")) {
            body.put("traceId", requestId);
        }
        if (errorType != null && body.path("message").isTextual()) {
            body.put("message", withoutClassNames(body.get("message").textValue()));
        }
        sendJsonBytes(ctx, status, body.toString().getBytes(StandardCharsets.UTF_8), requestId, errorType);
    }

    /**
     * A JSON body already serialised, e.g. streamed by a route whose answer can be large, with the headers of
     * {@link #sendJson}.
     */
    public static void sendJsonBytes(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] bytes) {
        sendJsonBytes(ctx, status, bytes, UUID.randomUUID().toString(), null);
    }

    private static void sendJsonBytes(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] bytes,
            String requestId, String errorType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set("x-amzn-RequestId", requestId)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (!Boolean.FALSE.equals(ctx.channel().attr(WILDCARD_CORS).get())) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS,
                            "x-amzn-ErrorMessage,x-amzn-RequestId,x-amzn-ErrorType,Date");
        }
        if (errorType != null) {
            response.headers().set("x-amzn-ErrorType", errorType + ":");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Whether JSON answers on this connection carry AWS's {@code Access-Control-Allow-Origin: *}: AWS's routes do,
     * the emulator's own ({@code /__emulator/...}) must not, or any web page could read them.
     */
    static void wildcardCors(ChannelHandlerContext ctx, boolean on) {
        ctx.channel().attr(WILDCARD_CORS).set(on);
    }

    /**
     * Sends a body with only the headers {@code headers} adds (plus length, request id and Connection: close): for
     * routes that set their own content type and CORS headers.
     */
    public static void send(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body,
            Consumer<HttpHeaders> headers) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("x-amzn-RequestId", UUID.randomUUID().toString())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        headers.accept(response.headers());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    public static void sendError(ChannelHandlerContext ctx, HttpResponseStatus status, String errorType,
            String message) {
        sendJson(ctx, status, JSON.createObjectNode().put("message", withoutClassNames(message)), errorType);
    }

    /**
     * {@code message} without the Java class names an exception's {@code toString()} puts in front
     * ({@code java.lang.NumberFormatException: ...}): a client is told what was wrong, not how the emulator is built.
     */
    public static String withoutClassNames(String message) {
        return message == null ? null : CLASS_NAME.matcher(message).replaceAll("");
    }

    /** A query parameter's first value, or {@code otherwise}. */
    public static String param(FullHttpRequest request, String name, String otherwise) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
    }
}
