package dev.iotemulator.internal.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Makes temporary credentials shaped like STS's: an {@code ASIA…} access key id of 20 characters, a 40-character
 * secret and a long opaque session token, all from a {@link SecureRandom}.
 */
public final class TemporaryCredentialFactory {

    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public IssuedCredential issue(String identityId, String identityPoolId, Instant now, Duration lifetime) {
        StringBuilder accessKeyId = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            accessKeyId.append(KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)]);
        }
        String secret = randomBase64(30);
        String sessionToken = "IQoJ" + randomBase64(240);
        LocalCredential credential = new LocalCredential(identityId, accessKeyId.toString(), secret, sessionToken);
        return new IssuedCredential(credential, identityId, identityPoolId, now.plus(lifetime));
    }

    private String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
