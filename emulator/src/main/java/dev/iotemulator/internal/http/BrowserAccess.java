package dev.iotemulator.internal.http;

import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.cognito.CognitoIdentityService;
import dev.iotemulator.internal.config.BrowserConfig;
import java.time.Clock;

/** What the browser routes share: their configuration, the Cognito identities and the CORS policy. */
public record BrowserAccess(BrowserConfig config, CognitoIdentityService cognito, CorsPolicy cors, Clock clock) {

    public static BrowserAccess of(BrowserConfig config, CredentialStore credentials, Clock clock) {
        return new BrowserAccess(config, new CognitoIdentityService(config, credentials, clock),
                new CorsPolicy(config.allowedOrigins()), clock);
    }
}
