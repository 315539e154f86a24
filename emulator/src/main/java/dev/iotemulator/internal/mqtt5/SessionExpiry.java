package dev.iotemulator.internal.mqtt5;

/**
 * AWS IoT's MQTT 5 session expiry (developer guide, "MQTT", persistent sessions): a session outlives its connection
 * for the CONNECT's {@code Session Expiry Interval} (absent = 0 = it ends with the connection), at most the account's
 * persistent-session expiry (1 hour by default, 7 days at most), and the adjusted value is returned in the CONNACK.
 * The client's DISCONNECT may lower it or set it to 0, but may not raise it from 0 (a protocol error).
 */
public final class SessionExpiry {

    /** The DISCONNECT's value is a protocol error (it raises 0). */
    public static final long PROTOCOL_ERROR = -1;

    private SessionExpiry() {
    }

    /** The interval granted for a requested one (both in seconds; an unsigned 32-bit value, so never negative). */
    public static long grant(long requestedSeconds, long capSeconds) {
        return Math.max(0, Math.min(requestedSeconds, capSeconds));
    }

    /**
     * The interval after the client's DISCONNECT asks for {@code requestedSeconds}.
     *
     * @param grantedSeconds what the CONNECT was granted
     * @return the new interval, or {@link #PROTOCOL_ERROR}
     */
    public static long onDisconnect(long grantedSeconds, long requestedSeconds, long capSeconds) {
        if (grantedSeconds == 0 && requestedSeconds > 0) {
            return PROTOCOL_ERROR;
        }
        return grant(requestedSeconds, capSeconds);
    }
}
