package dev.iotemulator.internal.mqtt;

/**
 * AWS IoT's keep-alive rules (developer guide, protocol limits): 0 or more than 1200 s becomes 1200 s, 1 to 29 s
 * becomes 30 s, and a client silent for 1.5 times that is disconnected with {@code MQTT_KEEP_ALIVE_TIMEOUT}.
 */
public final class KeepAlive {

    public static final int MIN_SECONDS = 30;
    public static final int MAX_SECONDS = 1200;

    private KeepAlive() {
    }

    public static int clamp(int requestedSeconds) {
        if (requestedSeconds <= 0 || requestedSeconds > MAX_SECONDS) {
            return MAX_SECONDS;
        }
        return Math.max(requestedSeconds, MIN_SECONDS);
    }

    /** How long a client may stay silent before it is disconnected, in milliseconds. */
    public static long timeoutMillis(int requestedSeconds) {
        return clamp(requestedSeconds) * 1500L;
    }
}
