package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.dataplane.HttpCall;
import dev.iotemulator.internal.policy.Decision;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.policy.PolicyEvaluator;
import dev.iotemulator.internal.policy.PolicyRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Carries HTTP requests from Netty to the transport-free data plane, and its IoT policy checks back. */
final class DataPlaneBridge {

    private DataPlaneBridge() {
    }

    static String rawPath(FullHttpRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    static void handle(ChannelHandlerContext ctx, FullHttpRequest request, GatewayContext context) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(h.getValue()));
        String sourceIp = ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
        HttpCall call = new HttpCall(request.method().name(), rawPath(request), q < 0 ? "" : uri.substring(q + 1),
                headers, ByteBufUtil.getBytes(request.content()), sourceIp);
        HttpAnswer answer = context.dataPlane().handle(call).orElseThrow();
        HttpResponses.sendJson(ctx, HttpResponseStatus.valueOf(answer.status()), answer.body(), answer.errorType());
    }

    /** IoT policies for one HTTP request; a denial is recorded like an MQTT one. */
    static Optional<String> deny(Authorizer authorizer, String principal, String action, String resource,
            String sourceIp) {
        Optional<List<PolicyDocument>> policies = authorizer.policiesOf(principal);
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        Decision decision;
        try {
            decision = PolicyEvaluator.evaluate(new PolicyRequest(action, resource,
                    authorizer.context(principal, null, sourceIp)), policies.get());
        } catch (RuntimeException e) {
            decision = new Decision.ImplicitlyDenied(List.of("policy evaluation failed, denying: " + e));
        }
        if (decision.allowed()) {
            return Optional.empty();
        }
        authorizer.denials().record(new DenialLog.Denial(action, resource, principal, null, decision, "http_403"));
        return Optional.of(decision.reason());
    }
}
