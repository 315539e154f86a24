package dev.iotemulator.bench;

import java.util.Locale;

/** Number formatting for the table: three significant figures are all a noisy machine can support. */
final class Format {

    private Format() {
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static double millis(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1_000_000.0;
    }
}
