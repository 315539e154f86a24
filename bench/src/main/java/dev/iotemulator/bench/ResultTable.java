package dev.iotemulator.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Pairs the two brokers' results by key and renders one plain-text table: scenario, emulator, Mosquitto, ratio. */
final class ResultTable {

    record Row(String key, String unit, Result emulator, Result mosquitto) {

        /** emulator / Mosquitto, when both are numbers and the row is a figure (not a loss count or a note). */
        String ratio() {
            if (emulator == null || mosquitto == null || key.endsWith(": loss")) {
                return "-";
            }
            double e = emulator.value();
            double m = mosquitto.value();
            if (Double.isNaN(e) || Double.isNaN(m) || m == 0) {
                return "-";
            }
            return String.format(Locale.ROOT, "%.2fx", e / m);
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
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Result r : emulator) {
            rows.put(r.key(), new Row(r.key(), r.unit(), r, null));
        }
        for (Result r : mosquitto) {
            Row row = rows.get(r.key());
            rows.put(r.key(), row == null ? new Row(r.key(), r.unit(), null, r)
                    : new Row(row.key(), row.unit(), row.emulator(), r));
        }
        return new ArrayList<>(rows.values());
    }

    static String render(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"scenario", "unit", "emulator", "mosquitto", "ratio", "target (emulator)"});
        for (Row r : rows) {
            cells.add(new String[] {r.key(), r.unit(), cell(r.emulator()), cell(r.mosquitto()), r.ratio(), r.target()});
        }
        int[] width = new int[6];
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
