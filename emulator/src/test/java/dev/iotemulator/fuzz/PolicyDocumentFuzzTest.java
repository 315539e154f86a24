package dev.iotemulator.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.policy.PolicyParseException;
import dev.iotemulator.internal.policy.PolicyParser;
import java.nio.charset.StandardCharsets;

/**
 * Policy documents come from files and from the policy-test route: any text either parses or is refused with a
 * {@link PolicyParseException} naming where it is wrong, never another exception. Fuzzed in the build for a few
 * seconds ({@code JAZZER_FUZZ=1}); longer on demand with {@code -Djazzer.max_duration=10m}; see docs/fuzzing.md.
 */
class PolicyDocumentFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void any_text_parses_or_is_refused_with_a_policy_parse_exception(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        try {
            PolicyDocument document = PolicyParser.parse("Fuzzed", json);
            document.warnings().forEach(String::length);
        } catch (PolicyParseException refused) {
            if (refused.getMessage() == null || refused.getMessage().isEmpty()) {
                throw new AssertionError("a refusal without a message", refused);
            }
        }
    }
}
