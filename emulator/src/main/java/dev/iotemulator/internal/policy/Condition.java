package dev.iotemulator.internal.policy;

import java.util.List;

/** One key test inside a statement's {@code Condition} block; all of a statement's conditions must hold. */
sealed interface Condition {

    /**
     * A supported operator applied to one condition key.
     *
     * <p>Without a qualifier, the condition holds when some value of the key passes; {@code ForAnyValue} is the
     * same, and {@code ForAllValues} needs every value to pass (so an empty list passes). A key absent from the
     * request makes the condition false, except with {@code IfExists}, where it is true, and with {@code Null}.
     * Note that IAM holds negated operators true for an absent key; this emulator deliberately keeps them false
     * so that a missing key never widens access.
     */
    record KeyCondition(ConditionOperator operator, String key, List<PolicyPattern> values) implements Condition {

        boolean holds(RequestContext context) {
            List<String> actual = context.values(key);
            if (operator.test() == ConditionOperator.Test.NULL) {
                boolean wantsAbsent = "true".equalsIgnoreCase(values.get(0).text());
                return wantsAbsent == (actual == null);
            }
            if (actual == null) {
                return operator.ifExists();
            }
            if (operator.qualifier() == ConditionOperator.Qualifier.FOR_ALL_VALUES) {
                for (String value : actual) {
                    if (!passes(value, context)) {
                        return false;
                    }
                }
                return true;
            }
            for (String value : actual) {
                if (passes(value, context)) {
                    return true;
                }
            }
            return false;
        }

        private boolean passes(String value, RequestContext context) {
            for (PolicyPattern pattern : values) {
                if (pattern.matches(value, context)) {
                    return !operator.negated();
                }
            }
            return operator.negated();
        }
    }

    /**
     * An operator this emulator does not know. It fails closed: an {@code Allow} carrying it never applies, a
     * {@code Deny} carrying it applies whenever its action, resource and other conditions match.
     */
    record UnsupportedCondition(String operator) implements Condition {
    }
}
