package dev.iotemulator.internal.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One compiled policy string: an action, a resource or a condition value.
 *
 * <p>Follows AWS IoT Developer Guide "Policy variables" and IAM "Policy elements: wildcards": {@code *} and
 * {@code ?} are wildcards where the syntax allows them, {@code ${*}}, {@code ${?}} and {@code ${$}} are those
 * characters taken literally, and any other {@code ${key}} is replaced by the request's value for {@code key}.
 * A substituted value is always literal, so a client id {@code *} cannot widen a policy; MQTT {@code +} and
 * {@code #} are never special. Compiled once at parse time; matching a pattern without variables allocates
 * nothing.
 */
final class PolicyPattern {

    private final String text;
    private final boolean ignoreCase;
    private final int[][] fixed;
    private final String[] variables;
    private final String literal;

    private PolicyPattern(String text, boolean ignoreCase, int[][] fixed, String[] variables, String literal) {
        this.text = text;
        this.ignoreCase = ignoreCase;
        this.fixed = fixed;
        this.variables = variables;
        this.literal = literal;
    }

    static PolicyPattern action(String text) {
        return compile(text, true, false, true);
    }

    static PolicyPattern resource(String text) {
        return compile(text, true, true, false);
    }

    static PolicyPattern conditionValue(String text, boolean wildcards, boolean ignoreCase) {
        return compile(text, wildcards, true, ignoreCase);
    }

    /** @throws IllegalArgumentException naming what is malformed, for the parser to place at a JSON path */
    private static PolicyPattern compile(String text, boolean wildcards, boolean withVariables, boolean ignoreCase) {
        List<int[]> fixedParts = new ArrayList<>();
        List<String> variableNames = new ArrayList<>();
        int[] current = new int[text.length()];
        int size = 0;
        boolean hasWildcard = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (withVariables && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("expected \"}\" to close the policy variable in \""
                            + text + "\"");
                }
                String name = text.substring(i + 2, close);
                switch (name) {
                    case "" -> throw new IllegalArgumentException("expected a variable name inside \"${}\" in \""
                            + text + "\"");
                    case "*", "?", "$" -> current[size++] = name.charAt(0);
                    default -> {
                        fixedParts.add(Arrays.copyOf(current, size));
                        variableNames.add(name);
                        size = 0;
                    }
                }
                i = close;
            } else if (wildcards && c == '*') {
                current[size++] = GlobMatcher.ANY_SEQUENCE;
                hasWildcard = true;
            } else if (wildcards && c == '?') {
                current[size++] = GlobMatcher.ANY_CHAR;
                hasWildcard = true;
            } else {
                current[size++] = c;
            }
        }
        fixedParts.add(Arrays.copyOf(current, size));
        String literal = variableNames.isEmpty() && !hasWildcard ? codesToString(fixedParts.get(0)) : null;
        return new PolicyPattern(text, ignoreCase, fixedParts.toArray(int[][]::new),
                variableNames.toArray(String[]::new), literal);
    }

    boolean matches(String value, RequestContext context) {
        if (literal != null) {
            return ignoreCase ? literal.equalsIgnoreCase(value) : literal.equals(value);
        }
        if (variables.length == 0) {
            return GlobMatcher.matches(fixed[0], value, ignoreCase);
        }
        int[] resolved = resolve(context);
        return resolved != null && GlobMatcher.matches(resolved, value, ignoreCase);
    }

    List<String> variables() {
        return List.of(variables);
    }

    String text() {
        return text;
    }

    private int[] resolve(RequestContext context) {
        int length = fixed[0].length;
        for (int v = 0; v < variables.length; v++) {
            String value = context.value(variables[v]);
            if (value == null) {
                return null;
            }
            length += value.length() + fixed[v + 1].length;
        }
        int[] resolved = new int[length];
        int at = copy(fixed[0], resolved, 0);
        for (int v = 0; v < variables.length; v++) {
            String value = context.value(variables[v]);
            for (int i = 0; i < value.length(); i++) {
                resolved[at++] = value.charAt(i);
            }
            at = copy(fixed[v + 1], resolved, at);
        }
        return resolved;
    }

    private static int copy(int[] from, int[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }

    private static String codesToString(int[] codes) {
        StringBuilder builder = new StringBuilder(codes.length);
        for (int code : codes) {
            builder.append((char) code);
        }
        return builder.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
