package dev.iotemulator.internal.mqtt5;

/**
 * AWS IoT's message expiry (developer guide, "MQTT", message expiry): an interval of 0 is raised to 1 s and one over
 * 7 days lowered to 7 days; a message is never delivered once its time is up, retained messages included; each
 * delivery carries the time left, in whole seconds (less than a second left shows as 0).
 */
public final class MessageExpiry {

    /** A message that never expires. */
    public static final long NEVER = 0;

    private MessageExpiry() {
    }

    /** The interval AWS applies to a requested one. */
    public static long adjust(long requestedSeconds) {
        return Math.max(AwsMqtt5.MIN_MESSAGE_EXPIRY_SECONDS, Math.min(requestedSeconds,
                AwsMqtt5.MAX_MESSAGE_EXPIRY_SECONDS));
    }

    /** When a message received at {@code nowMillis} with the (adjusted) interval expires. */
    public static long deadline(long nowMillis, long adjustedSeconds) {
        return nowMillis + adjustedSeconds * 1000;
    }

    public static boolean expired(long deadlineMillis, long nowMillis) {
        return deadlineMillis != NEVER && nowMillis >= deadlineMillis;
    }

    /** The interval a delivery at {@code nowMillis} carries: the whole seconds left. */
    public static long remainingSeconds(long deadlineMillis, long nowMillis) {
        return Math.max(0, (deadlineMillis - nowMillis) / 1000);
    }
}
