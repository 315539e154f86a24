package dev.iotemulator.bench;

/**
 * One figure of one scenario against one broker.
 *
 * @param key scenario and metric, identical for both brokers so rows can be paired
 * @param value the number the ratio is computed from; NaN when there is none
 * @param display what the table shows (may carry more than {@code value}, e.g. p50 / p99 / max)
 * @param target the target for the emulator, or null
 * @param targetMet whether the emulator's figure meets it (null when there is no target or this is Mosquitto)
 */
record Result(String key, String unit, double value, String display, String target, Boolean targetMet) {

    static Result of(String key, String unit, double value) {
        return new Result(key, unit, value, Format.number(value), null, null);
    }

    static Result text(String key, String unit, String display) {
        return new Result(key, unit, Double.NaN, display, null, null);
    }

    Result withTarget(String target, boolean met) {
        return new Result(key, unit, value, display, target, met);
    }

    Result withDisplay(String newDisplay) {
        return new Result(key, unit, value, newDisplay, target, targetMet);
    }
}
