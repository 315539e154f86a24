package dev.iotemulator.internal.rules.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What an evaluation compared and what went wrong, in words, for the rule's explanation: each comparison with the
 * values on both sides and its result ({@code temp > 30: 25 > 30 is false}), and each function that could not be
 * evaluated.
 */
public final class Trace {

    private final List<String> lines = new ArrayList<>();

    void add(String line) {
        if (lines.size() < 50) {
            lines.add(line);
        }
    }

    /** The lines recorded, in evaluation order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }
}
