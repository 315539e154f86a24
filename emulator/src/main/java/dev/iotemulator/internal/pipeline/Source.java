package dev.iotemulator.internal.pipeline;

import java.util.Locale;

/** Where a message entered the emulator, as the journal records it. */
public enum Source {
    /** An MQTT client's PUBLISH, or its Last Will. */
    MQTT,
    /** The HTTPS data plane ({@code POST /topics/...}). */
    HTTP,
    /** The admin API or the in-process API publishing as the emulator itself. */
    ADMIN,
    /** An AWS service of the emulator: shadow responses, lifecycle events. */
    SERVICE;

    /** The journal's name for it: {@code mqtt}, {@code http}, {@code admin}, {@code service}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
