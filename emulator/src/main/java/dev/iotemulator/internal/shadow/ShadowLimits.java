package dev.iotemulator.internal.shadow;

/** AWS IoT Device Shadow limits ("AWS IoT Device Shadow service limits"). */
public final class ShadowLimits {

    /** Levels of nesting allowed inside {@code desired} or {@code reported}, the section object counting as one. */
    public static final int MAX_DEPTH = 6;
    /** Bytes of the state document ({@code desired} and {@code reported}, metadata excluded). */
    public static final int MAX_STATE_BYTES = 8 * 1024;
    /** UTF-8 bytes of a {@code clientToken}. */
    public static final int MAX_CLIENT_TOKEN_BYTES = 64;

    private ShadowLimits() {
    }
}
