package dev.iotemulator.internal.http;

import dev.iotemulator.internal.logging.LogValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.auth.IssuedCredential;
import dev.iotemulator.internal.cognito.CognitoError;
import dev.iotemulator.internal.cognito.CognitoResult;
import dev.iotemulator.internal.cognito.CognitoResult.CredentialsIssued;
import dev.iotemulator.internal.cognito.CognitoResult.Failed;
import dev.iotemulator.internal.cognito.CognitoResult.IdentityIssued;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /} with {@code X-Amz-Target: AWSCognitoIdentityService.<Operation>} (or the long form
 * {@code com.amazonaws.cognito.identity.model.AWSCognitoIdentityService.<Operation>}): Amazon Cognito Identity's
 * awsJson 1.1 protocol, for {@code GetId} and {@code GetCredentialsForIdentity} (both unauthenticated in AWS, so no
 * SigV4 is expected). Answers preflights for the origins of browser.json.
 */
final class CognitoIdentityRoute implements Route.Handler {

    static final String PATH = "/";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String SHORT_PREFIX = "AWSCognitoIdentityService.";
    private static final String LONG_PREFIX = "com.amazonaws.cognito.identity.model." + SHORT_PREFIX;
    private static final String EXPOSE = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";
    private static final Logger LOG = LoggerFactory.getLogger(CognitoIdentityRoute.class);

    private final BrowserAccess browser;

    CognitoIdentityRoute(BrowserAccess browser) {
        this.browser = browser;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (HttpMethod.OPTIONS.equals(request.method())) {
            HttpResponses.send(ctx, HttpResponseStatus.OK, new byte[0],
                    h -> browser.cors().preflight(request, h, "POST, OPTIONS"));
            return;
        }
        String target = request.headers().get("X-Amz-Target", "");
        String operation = target.startsWith(LONG_PREFIX) ? target.substring(LONG_PREFIX.length())
                : target.startsWith(SHORT_PREFIX) ? target.substring(SHORT_PREFIX.length()) : null;
        JsonNode body;
        try {
            String text = request.content().toString(StandardCharsets.UTF_8);
            body = text.isBlank() ? HttpResponses.JSON.createObjectNode() : HttpResponses.JSON.readTree(text);
        } catch (IOException e) {
            fail(ctx, request, new Failed(CognitoError.SERIALIZATION, "The request body is not JSON: "
                    + e.getMessage()));
            return;
        }
        boolean hasLogins = body.path("Logins").isObject() && !body.path("Logins").isEmpty();
        CognitoResult result;
        if ("GetId".equals(operation)) {
            result = browser.cognito().getId(textOrNull(body, "IdentityPoolId"), hasLogins);
        } else if ("GetCredentialsForIdentity".equals(operation)) {
            result = browser.cognito().getCredentialsForIdentity(textOrNull(body, "IdentityId"), hasLogins);
        } else {
            result = new Failed(CognitoError.UNKNOWN_OPERATION, "POST / with X-Amz-Target '" + target + "' is not "
                    + "emulated. The emulator answers Amazon Cognito Identity's X-Amz-Target: "
                    + "AWSCognitoIdentityService.GetId and AWSCognitoIdentityService.GetCredentialsForIdentity.");
        }
        if (result instanceof Failed failed) {
            fail(ctx, request, failed);
        } else if (result instanceof IdentityIssued issued) {
            ok(ctx, request, HttpResponses.JSON.createObjectNode().put("IdentityId", issued.identityId()));
        } else if (result instanceof CredentialsIssued issued) {
            IssuedCredential c = issued.credential();
            LOG.info("event=cognito_credentials_issued identityId={} accessKeyId={} expiration={}",
                    LogValues.escape(c.identityId()),
                    c.credential().accessKeyId(), c.expiration());
            ObjectNode response = HttpResponses.JSON.createObjectNode().put("IdentityId", c.identityId());
            response.putObject("Credentials")
                    .put("AccessKeyId", c.credential().accessKeyId())
                    .put("SecretKey", c.credential().secretAccessKey())
                    .put("SessionToken", c.credential().sessionToken())
                    .put("Expiration", c.expiration().getEpochSecond());
            ok(ctx, request, response);
        }
    }

    private static String textOrNull(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private void ok(ChannelHandlerContext ctx, FullHttpRequest request, ObjectNode body) {
        HttpResponses.send(ctx, HttpResponseStatus.OK, body.toString().getBytes(StandardCharsets.UTF_8), h -> {
            h.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE).set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            browser.cors().apply(request, h, EXPOSE);
        });
    }

    private void fail(ChannelHandlerContext ctx, FullHttpRequest request, Failed failed) {
        LOG.warn("event=cognito_refused type={} message=\"{}\"", failed.error().type(),
                LogValues.escape(failed.message()));
        ObjectNode body = HttpResponses.JSON.createObjectNode()
                .put("__type", failed.error().type())
                .put("message", failed.message());
        HttpResponses.send(ctx, HttpResponseStatus.valueOf(failed.error().status()),
                body.toString().getBytes(StandardCharsets.UTF_8), h -> {
                    h.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE).set("x-amzn-ErrorType", failed.error().type());
                    browser.cors().apply(request, h, EXPOSE);
                });
    }
}
