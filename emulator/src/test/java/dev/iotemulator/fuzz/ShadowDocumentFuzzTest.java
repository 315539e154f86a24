package dev.iotemulator.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.iotemulator.internal.shadow.ShadowName;
import dev.iotemulator.internal.shadow.ShadowResult;
import dev.iotemulator.internal.shadow.Shadows;
import java.time.Clock;

/**
 * Shadow update requests come from MQTT and from the HTTP data plane: any bytes get an answer (accepted or AWS's
 * rejection), never an exception, and the shadow stays readable afterwards.
 */
class ShadowDocumentFuzzTest {

    private static final Shadows SHADOWS = new Shadows(Clock.systemUTC());

    @FuzzTest(maxDuration = "15s")
    void any_update_request_gets_an_answer_and_leaves_a_readable_shadow(byte[] input) {
        ShadowName name = ShadowName.named("fuzzed-thing", "fuzzed");
        ShadowResult updated = SHADOWS.update(name, input);
        if (updated == null) {
            throw new AssertionError("no answer");
        }
        if (SHADOWS.get(name, new byte[0]) == null || SHADOWS.get(ShadowName.classic("fuzzed-thing"), input) == null) {
            throw new AssertionError("no answer to get");
        }
        if (input.length > 0 && input[0] == 'D') {
            SHADOWS.delete(name, input);
        }
    }
}
