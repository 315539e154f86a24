package dev.iotemulator.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearMissesTest {

    @Test
    void topics_sharing_more_leading_levels_with_the_filter_come_first() {
        assertEquals(List.of("a/b/x", "a/y/z", "q/b/c"), NearMisses.rank("a/b/c", List.of("q/b/c", "a/y/z", "a/b/x")));
    }

    @Test
    void among_equals_in_levels_the_smaller_edit_distance_comes_first_and_duplicates_go() {
        assertEquals(List.of("a/temperatur", "a/humidity"),
                NearMisses.rank("a/temperature", List.of("a/humidity", "a/temperatur", "a/humidity")));
    }

    @Test
    void wildcards_in_the_filter_match_any_level() {
        assertEquals(2, NearMisses.sharedLevels("a/+/c", "a/b/d"));
        assertEquals(3, NearMisses.sharedLevels("a/#", "a/b/c"));
    }
}
