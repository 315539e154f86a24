package dev.iotemulator.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Pairs the brokers' results by key and renders plain-text tables: the emulator beside bare Moquette and Mosquitto
 * (scenario, the three figures, the emulator's ratio to each of the other two), and the emulator with IoT policies on
 * beside the same emulator with them off (two more emulators that take turns on the same subset of scenarios).
 */
final class ResultTable {

    /**
     * One scenario's figure against each broker; a null result means that broker did not run it.
     *
     * @param emulator the emulator in its default configuration (IoT policies on: AllowEverything on the default key)
     * @param emulatorPoliciesOn the same configuration, in the run of the subset that is compared with policies off
     * @param emulatorPoliciesOff the emulator with a default key that has no policies attached
     * @param moquette bare Moquette 0.17, the broker the emulator embeds, alone and anonymous
     */
    record Row(String key, String unit, Result emulator, Result emulatorPoliciesOn, Result emulatorPoliciesOff,
            Result moquette, Result mosquitto) {

        /** emulator / Mosquitto, when both are numbers and the row is a figure (not a loss count or a note). */
        String ratio() {
            return ratio(emulator, mosquitto);
        }

        /** emulator / bare Moquette, on the same terms as {@link #ratio()}: what the emulator adds to its core. */
        String ratioToMoquette() {
            return ratio(emulator, moquette);
        }

        /** emulator with policies / emulator without, on the same terms as {@link #ratio()}. */
        String policiesRatio() {
            return ratio(emulatorPoliciesOn, emulatorPoliciesOff);
        }

        /** emulator with policies − emulator without, in the row's unit, signed; "-" where there is no ratio. */
        String policiesDifference() {
            if ("-".equals(policiesRatio())) {
                return "-";
            }
            double d = emulatorPoliciesOn.value() - emulatorPoliciesOff.value();
            return (d > 0 ? "+" : d < 0 ? "−" : "") + Format.number(Math.abs(d));
        }

        private String ratio(Result over, Result under) {
            if (over == null || under == null || key.endsWith(": loss")) {
                return "-";
            }
            double a = over.value();
            double b = under.value();
            if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
                return "-";
            }
            return String.format(Locale.ROOT, "%.2fx", a / b);
        }

        String target() {
            if (key.startsWith("p2p ws+sigv4") && key.endsWith(": throughput") && !"-".equals(ratio())) {
                return ">= 0.5x mosquitto" + (emulator.value() / mosquitto.value() >= 0.5 ? " met" : " NOT met");
            }
            if (emulator == null || emulator.target() == null) {
                return "";
            }
            return emulator.target() + (Boolean.TRUE.equals(emulator.targetMet()) ? " met" : " NOT met");
        }
    }

    private ResultTable() {
    }

    static List<Row> pair(List<Result> emulator, List<Result> mosquitto) {
        return pair(emulator, List.of(), List.of(), List.of(), mosquitto);
    }

    /**
     * One row per key, in the order the keys first appear (emulator, policies on, policies off, bare Moquette,
     * Mosquitto).
     */
    static List<Row> pair(List<Result> emulator, List<Result> emulatorPoliciesOn, List<Result> emulatorPoliciesOff,
            List<Result> moquette, List<Result> mosquitto) {
        List<List<Result>> columns = List.of(emulator, emulatorPoliciesOn, emulatorPoliciesOff, moquette, mosquitto);
        Map<String, Result[]> byKey = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            for (Result r : columns.get(c)) {
                byKey.computeIfAbsent(r.key(), k -> new Result[columns.size()])[c] = r;
            }
        }
        List<Row> rows = new ArrayList<>();
        byKey.forEach((key, r) -> {
            String unit = Arrays.stream(r).filter(Objects::nonNull).findFirst().orElseThrow().unit();
            rows.add(new Row(key, unit, r[0], r[1], r[2], r[3], r[4]));
        });
        return rows;
    }

    /** The emulator beside bare Moquette and Mosquitto: every row any of them has; empty when none ran. */
    static String render(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"scenario", "unit", "emulator", "moquette", "mosquitto", "emulator / moquette",
                "emulator / mosquitto", "target (emulator)"});
        for (Row r : rows) {
            if (r.emulator() != null || r.moquette() != null || r.mosquitto() != null) {
                cells.add(new String[] {r.key(), r.unit(), cell(r.emulator()), cell(r.moquette()),
                        cell(r.mosquitto()), r.ratioToMoquette(), r.ratio(), r.target()});
            }
        }
        return cells.size() == 1 ? "" : grid(cells);
    }

    /** The emulator with IoT policies on beside the emulator with them off: the rows those two runs have. */
    static String renderPolicies(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"scenario", "unit", "emulator, policies on", "emulator, policies off", "on / off",
                "on − off"});
        for (Row r : rows) {
            if (r.emulatorPoliciesOn() != null || r.emulatorPoliciesOff() != null) {
                cells.add(new String[] {r.key(), r.unit(), cell(r.emulatorPoliciesOn()), cell(r.emulatorPoliciesOff()),
                        r.policiesRatio(), r.policiesDifference()});
            }
        }
        return cells.size() == 1 ? "" : grid(cells);
    }

    private static String grid(List<String[]> cells) {
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            String[] row = cells.get(n);
            out.append('|');
            for (int i = 0; i < row.length; i++) {
                out.append(' ').append(pad(row[i], width[i])).append(" |");
            }
            out.append('\n');
            if (n == 0) {
                out.append('|');
                for (int w : width) {
                    out.append("-".repeat(w + 2)).append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String cell(Result r) {
        return r == null ? "(not run)" : r.display();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
