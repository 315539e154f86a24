package dev.iotemulator.internal.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a bind address says about who can reach the emulator: a loopback address keeps every listener to this
 * machine; anything else (a wildcard such as {@code 0.0.0.0}, a LAN address) opens them to the network, so the admin
 * surface then needs a token and plain MQTT/TCP clients must log in. Decided from the literal text: no DNS look-up.
 */
public final class BindAddress {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private BindAddress() {
    }

    /** {@code 127.x.x.x}, {@code ::1} (bracketed or not) and {@code localhost}. */
    public static boolean isLoopback(String bind) {
        String b = bind.toLowerCase(Locale.ROOT);
        return IPV4_LOOPBACK.matcher(b).matches() || b.equals("::1") || b.equals("[::1]") || b.equals("localhost");
    }

    /** A bind address that listens on every interface. */
    public static boolean isWildcard(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
    }

    /** The host clients on this machine use to reach a listener bound to {@code bind}. */
    public static String advertisedHost(String bind) {
        if (isWildcard(bind)) {
            return "127.0.0.1";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }
}
