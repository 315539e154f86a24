package dev.iotemulator.internal.journal;

import java.util.Comparator;
import java.util.List;

/**
 * Orders topics by how near they come to a topic filter, for "did you mean ...?": most leading levels matched first,
 * then the smallest edit distance.
 */
public final class NearMisses {

    private NearMisses() {
    }

    /** The distinct {@code topics}, nearest to {@code filter} first. */
    public static List<String> rank(String filter, List<String> topics) {
        return topics.stream().distinct()
                .sorted(Comparator.comparingInt((String t) -> -sharedLevels(filter, t))
                        .thenComparingInt(t -> editDistance(filter, t))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** How many leading levels of {@code topic} the filter matches ({@code #} matches all the rest). */
    public static int sharedLevels(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        int shared = 0;
        for (int i = 0; i < f.length && i < t.length; i++) {
            if (f[i].equals("#")) {
                return shared + t.length - i;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                break;
            }
            shared++;
        }
        return shared;
    }

    /** The Levenshtein distance between two strings. */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
