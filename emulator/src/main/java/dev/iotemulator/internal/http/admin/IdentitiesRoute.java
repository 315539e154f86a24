package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.authz.Authorizer;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.policy.PolicyDocument;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /__emulator/identities}: the access keys of {@code credentials.json} (name, access key id, whether
 * temporary, whether the default, attached policy names or null when not subject to IoT policies), never a secret
 * or session token.
 */
public final class IdentitiesRoute implements Route.Handler {

    public static final String PATH = "/__emulator/identities";

    private final CredentialStore credentials;
    private final Authorizer authorizer;

    public IdentitiesRoute(CredentialStore credentials, Authorizer authorizer) {
        this.credentials = credentials;
        this.authorizer = authorizer;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        ObjectNode body = HttpResponses.JSON.createObjectNode();
        ArrayNode list = body.putArray("identities");
        String defaultKey = credentials.defaultCredential().accessKeyId();
        for (LocalCredential credential : credentials.all()) {
            ObjectNode node = list.addObject().put("name", credential.name())
                    .put("accessKeyId", credential.accessKeyId())
                    .put("temporary", credential.isTemporary())
                    .put("default", credential.accessKeyId().equals(defaultKey));
            Optional<List<PolicyDocument>> policies = authorizer.policiesOf(credential.accessKeyId());
            if (policies.isEmpty()) {
                node.putNull("policies");
            } else {
                ArrayNode names = node.putArray("policies");
                policies.get().forEach(p -> names.add(p.name()));
            }
        }
        body.put("issuedCredentials", credentials.issuedCount());
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
