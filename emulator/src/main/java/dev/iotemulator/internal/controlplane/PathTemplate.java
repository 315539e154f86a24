package dev.iotemulator.internal.controlplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request URI of an AWS service model, such as {@code /things/{thingName}/jobs/{jobId}}: {@code {label}} stands for
 * one path segment, {@code {label+}} for the rest of the path. Compiled once, matched against raw request paths.
 */
final class PathTemplate {

    private static final Pattern LABEL = Pattern.compile("\\{([^}]+)}");

    private final String template;
    private final Pattern pattern;
    private final List<String> labels;
    private final int specificity;

    PathTemplate(String template) {
        this.template = template;
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = LABEL.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            String label = m.group(1);
            boolean greedy = label.endsWith("+");
            names.add(greedy ? label.substring(0, label.length() - 1) : label);
            regex.append(greedy ? "(.+)" : "([^/]+)");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        this.pattern = Pattern.compile(regex.toString());
        this.labels = List.copyOf(names);
        this.specificity = LABEL.matcher(template).replaceAll("").length();
    }

    /** The labels of {@code rawPath}, still percent-encoded, or null when the path does not match. */
    Map<String, String> match(String rawPath) {
        Matcher path = pattern.matcher(rawPath);
        if (!path.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            values.put(labels.get(i), path.group(i + 1));
        }
        return values;
    }

    /** How many literal characters it has: {@code /jobs/$next} is more specific than {@code /jobs/{jobId}}. */
    int specificity() {
        return specificity;
    }

    @Override
    public String toString() {
        return template;
    }
}
