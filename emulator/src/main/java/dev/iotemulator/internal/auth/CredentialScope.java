package dev.iotemulator.internal.auth;

import dev.iotemulator.internal.auth.Verification.Refused;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * What both SigV4 verifiers check before the signature itself, in one place: the credential scope
 * ({@code <key>/<date>/<region>/<service>/aws4_request}), the access key (configured, and not an expired issued
 * one), the signing date and the clock skew, and the session token.
 */
final class CredentialScope {

    /** How the messages name things: a presigned URL and a header-signed request say it differently. */
    record Wording(String subject, String credentialField, String acceptedServices, String tokenAdvice) {
    }

    /** A scope that passed every check. */
    record Checked(LocalCredential credential, String service, String scopeDate, Instant signedAt) {
    }

    /** Either {@code checked} or {@code refused} is set. */
    record Outcome(Checked checked, Refused refused) {
        static Outcome refuse(Refusal reason, String message) {
            return new Outcome(null, Refused.because(reason, message));
        }
    }

    private final CredentialStore credentials;
    private final String region;
    private final Duration allowedSkew;
    private final Clock clock;

    CredentialScope(CredentialStore credentials, String region, Duration allowedSkew, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.allowedSkew = allowedSkew;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    Outcome check(String credential, String amzDate, Set<String> services, Wording wording) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
            return Outcome.refuse(Refusal.MALFORMED_CREDENTIAL, wording.credentialField() + " '" + credential
                    + "' is not of the form <access key id>/<yyyymmdd>/<region>/<service>/aws4_request.");
        }
        String service = scope[3];
        if (!services.contains(service)) {
            return Outcome.refuse(Refusal.WRONG_SERVICE, "The " + wording.subject() + " is signed for service '"
                    + service + "'. " + ServiceNames.controlPlaneHint(service) + wording.acceptedServices());
        }
        if (!region.equals(scope[2])) {
            return Outcome.refuse(Refusal.WRONG_REGION, "The " + wording.subject() + " is signed for region '"
                    + scope[2] + "' but this endpoint is in region '" + region + "'. Sign for '" + region
                    + "', or start the emulator with --region " + scope[2] + ".");
        }
        Optional<LocalCredential> found = credentials.find(scope[0]);
        if (found.isEmpty()) {
            return Outcome.refuse(Refusal.UNKNOWN_ACCESS_KEY, "The access key id '" + scope[0]
                    + "' is not configured in the emulator. Add it to credentials.json in the config directory "
                    + "(--config-dir), or sign with a configured key.");
        }
        Optional<Instant> expiration = credentials.expirationOf(scope[0]);
        Instant now = clock.instant();
        if (expiration.isPresent() && !now.isBefore(expiration.get())) {
            return Outcome.refuse(Refusal.CREDENTIALS_EXPIRED, "The security token included in the request is "
                    + "expired: the temporary credentials with access key id '" + scope[0] + "' expired at "
                    + expiration.get() + " (it is now " + now + "). Get new credentials (GetCredentialsForIdentity) "
                    + "and sign again.");
        }
        if (amzDate == null) {
            return Outcome.refuse(Refusal.MISSING_PARAMETER, "The " + wording.subject() + " has no X-Amz-Date.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(SigV4.AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            return Outcome.refuse(Refusal.MALFORMED_DATE, "X-Amz-Date '" + amzDate
                    + "' is not in the basic ISO 8601 form yyyyMMdd'T'HHmmss'Z' (UTC), e.g. 20240101T120000Z.");
        }
        if (!scope[1].equals(SigV4.SCOPE_DATE.format(signedAt))) {
            return Outcome.refuse(Refusal.MALFORMED_CREDENTIAL, "The date in " + wording.credentialField() + " ("
                    + scope[1] + ") is not the date of X-Amz-Date (" + amzDate + ").");
        }
        Duration skew = Duration.between(signedAt, now);
        if (skew.abs().compareTo(allowedSkew) > 0) {
            String direction = skew.isNegative() ? "ahead of" : "behind";
            return Outcome.refuse(Refusal.CLOCK_SKEW, "X-Amz-Date " + amzDate + " is " + human(skew.abs()) + " "
                    + direction + " the emulator's clock (" + SigV4.AMZ_DATE.format(now) + "); at most "
                    + human(allowedSkew) + " of clock skew is allowed. Sign just before sending, and check the "
                    + "client's clock.");
        }
        return new Outcome(new Checked(found.get(), service, scope[1], signedAt), null);
    }

    /** The session token: required for temporary credentials, and exactly theirs; refused for long-term keys. */
    static Optional<Refused> checkToken(LocalCredential credential, String token, Wording wording) {
        if (credential.isTemporary() && token == null) {
            return Optional.of(Refused.because(Refusal.MISSING_SECURITY_TOKEN, "The access key id '"
                    + credential.accessKeyId() + "' belongs to temporary credentials, so the " + wording.subject()
                    + " needs the session token as X-Amz-Security-Token, " + wording.tokenAdvice() + "."));
        }
        if (token != null && (!credential.isTemporary() || !SigV4.constantTimeEquals(credential.sessionToken(), token))) {
            return Optional.of(Refused.because(Refusal.INVALID_SECURITY_TOKEN, credential.isTemporary()
                    ? "X-Amz-Security-Token is not the session token that belongs to access key id '"
                            + credential.accessKeyId() + "'."
                    : "The " + wording.subject() + " carries X-Amz-Security-Token, but access key id '"
                            + credential.accessKeyId() + "' is a long-term key with no session token. Leave the "
                            + "token out, or configure the key with its sessionToken."));
        }
        return Optional.empty();
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
