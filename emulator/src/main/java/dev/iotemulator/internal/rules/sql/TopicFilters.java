package dev.iotemulator.internal.rules.sql;

import java.util.function.Function;

/** The shape of a rule's FROM topic filter: MQTT wildcards only as whole levels, {@code #} last. */
final class TopicFilters {

    private TopicFilters() {
    }

    static String checked(String filter, Function<String, RuntimeException> error) {
        if (filter.isEmpty()) {
            throw error.apply("the FROM topic filter is empty");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if ((level.contains("#") && (!level.equals("#") || i != levels.length - 1))
                    || (level.contains("+") && !level.equals("+"))) {
                throw error.apply("topic filter '" + filter + "' uses a wildcard inside a level; + must be a whole "
                        + "level and # the whole last level");
            }
        }
        return filter;
    }
}
