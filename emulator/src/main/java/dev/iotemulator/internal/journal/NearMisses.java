package dev.iotemulator.internal.journal;

import dev.iotemulator.internal.text.EditDistance;
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
                        .thenComparingInt(t -> EditDistance.between(filter, t))
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
}
