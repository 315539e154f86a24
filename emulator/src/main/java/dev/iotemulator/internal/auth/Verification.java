package dev.iotemulator.internal.auth;

/** The outcome of checking a SigV4 signature: a verified credential, or a refusal that explains itself. */
public sealed interface Verification {

    record Verified(LocalCredential credential, String service) implements Verification {
    }

    /**
     * @param message what was wrong and how to fix it; never contains a secret
     * @param canonicalRequest what the emulator signed, for signature mismatches; otherwise null
     * @param stringToSign what the emulator signed, for signature mismatches; otherwise null
     */
    record Refused(Refusal reason, String message, String canonicalRequest, String stringToSign)
            implements Verification {

        static Refused because(Refusal reason, String message) {
            return new Refused(reason, message, null, null);
        }
    }
}
