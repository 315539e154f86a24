package dev.iotemulator.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotemulator.internal.controlplane.ApiException;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.store.DocumentStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsTest {

    private static final String ARN = "arn:aws:iot:us-east-1:000000000000:thinggroup/g";

    private final DocumentStore store = DocumentStore.inMemory();
    private final Registry registry = new Registry(new Arns("us-east-1", "000000000000"), Clock.systemUTC(), store);

    @Test
    void tags_come_back_from_the_store_and_an_untagged_resource_leaves_nothing_behind() {
        registry.tags().created(ARN, Map.of("team", "firmware"));
        registry.tags().tag(ARN, Map.of("stage", "dev"));
        Registry again = new Registry(registry.arns(), Clock.systemUTC(), store);
        assertEquals(Map.of("team", "firmware", "stage", "dev"), again.tags().of(ARN));
        again.tags().untag(ARN, List.of("team", "stage"));
        assertEquals(Map.of(), new Registry(registry.arns(), Clock.systemUTC(), store).tags().of(ARN));
    }

    @Test
    void a_resource_has_at_most_fifty_tags() {
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        registry.tags().created(ARN, fifty);
        assertThrows(ApiException.class, () -> registry.tags().tag(ARN, Map.of("one-more", "v")));
        assertEquals(50, registry.tags().of(ARN).size());
    }
}
