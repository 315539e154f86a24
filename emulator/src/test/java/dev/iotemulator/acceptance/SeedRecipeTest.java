package dev.iotemulator.acceptance;

import dev.iotemulator.Endpoints;
import dev.iotemulator.junit5.IotEmulatorTest;
import org.junit.jupiter.api.Test;

/**
 * The classic browser recipe (mqtt.js, URL presigned by npm {@code aws-signature-v4} with {@code sha256('')} as the
 * payload argument), run for real on aws-signature-v4 1.4.0 ({@code seed-recipe.mjs}): each of its two pitfalls gets
 * a 403 that names it and its fix, and the recipe with both fixed connects.
 */
@IotEmulatorTest
class SeedRecipeTest {

    @Test
    void the_recipe_s_sha256_of_the_empty_payload_is_diagnosed_as_a_payload_hashed_twice(Endpoints endpoints)
            throws Exception {
        NodeChecks.assertPasses("seed-recipe.mjs", 4, localhost(endpoints), "recipe", "PAYLOAD_HASHED_TWICE",
                "pass '' as the payload argument");
    }

    @Test
    void an_endpoint_spelt_in_capitals_is_diagnosed_although_the_websocket_sends_it_lower_cased(Endpoints endpoints)
            throws Exception {
        NodeChecks.assertPasses("seed-recipe.mjs", 4, localhost(endpoints), "capitals", "HOST_UPPER_CASE",
                "Lower-case the endpoint before presigning");
    }

    @Test
    void the_recipe_with_both_pitfalls_fixed_connects(Endpoints endpoints) throws Exception {
        NodeChecks.assertPasses("seed-recipe.mjs", 1, localhost(endpoints), "fixed");
    }

    /** A host name with letters, so that capitals can be tried; the WebSocket and fetch lower-case it. */
    private static String localhost(Endpoints endpoints) {
        return "localhost:" + endpoints.httpPort();
    }
}
