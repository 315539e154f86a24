package dev.iotemulator.internal.policy;

import java.util.List;

/**
 * The patterns of an {@code Action}/{@code Resource} element, or of its negation {@code NotAction}/{@code NotResource},
 * which matches exactly what none of its patterns match.
 */
final class PatternList {

    private final PolicyPattern[] patterns;
    private final boolean negated;

    PatternList(List<PolicyPattern> patterns, boolean negated) {
        this.patterns = patterns.toArray(PolicyPattern[]::new);
        this.negated = negated;
    }

    boolean matches(String value, RequestContext context) {
        for (PolicyPattern pattern : patterns) {
            if (pattern.matches(value, context)) {
                return !negated;
            }
        }
        return negated;
    }

    List<PolicyPattern> patterns() {
        return List.of(patterns);
    }

    boolean negated() {
        return negated;
    }
}
