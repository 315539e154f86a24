package dev.iotemulator.internal.policy;

/**
 * Matches text against an IAM wildcard pattern encoded as code points, where {@link #ANY_SEQUENCE} is {@code *}
 * and {@link #ANY_CHAR} is {@code ?}.
 *
 * <p>Hand-written rather than a regex so that hostile patterns such as {@code *a*a*a*a*b} cannot backtrack
 * exponentially: after a mismatch only the most recent {@code *} is retried, which keeps the worst case at
 * pattern length times text length.
 */
final class GlobMatcher {

    static final int ANY_SEQUENCE = -1;
    static final int ANY_CHAR = -2;

    private GlobMatcher() {
    }

    static boolean matches(int[] pattern, String text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        int m = pattern.length;
        int n = text.length();
        while (t < n) {
            if (p < m && pattern[p] == ANY_SEQUENCE) {
                starP = p++;
                starT = t;
            } else if (p < m && (pattern[p] == ANY_CHAR || same(pattern[p], text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < m && pattern[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == m;
    }

    private static boolean same(int expected, char actual, boolean ignoreCase) {
        return expected == actual
                || ignoreCase && Character.toLowerCase((char) expected) == Character.toLowerCase(actual);
    }
}
