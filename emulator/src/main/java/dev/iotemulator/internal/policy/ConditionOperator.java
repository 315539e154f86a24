package dev.iotemulator.internal.policy;

import java.util.Map;
import java.util.Optional;

/**
 * A parsed IAM condition operator such as {@code StringLike}, {@code ForAllValues:StringEquals} or
 * {@code StringEqualsIfExists} (IAM "Condition operators" and "Single-valued vs. multivalued context keys").
 *
 * <p>{@code Arn*} operators are treated as their {@code String*} twins, which gives the same result for the
 * single-account ARNs an emulator sees. {@code Null} tests presence and accepts no qualifier or suffix.
 */
record ConditionOperator(String name, Test test, boolean negated, Qualifier qualifier, boolean ifExists) {

    enum Test { EQUALS, EQUALS_IGNORE_CASE, LIKE, NULL }

    enum Qualifier { SINGLE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    private static final Map<String, ConditionOperator> BASE = Map.ofEntries(
            base("StringEquals", Test.EQUALS, false),
            base("StringNotEquals", Test.EQUALS, true),
            base("StringEqualsIgnoreCase", Test.EQUALS_IGNORE_CASE, false),
            base("StringNotEqualsIgnoreCase", Test.EQUALS_IGNORE_CASE, true),
            base("StringLike", Test.LIKE, false),
            base("StringNotLike", Test.LIKE, true),
            base("ArnEquals", Test.EQUALS, false),
            base("ArnNotEquals", Test.EQUALS, true),
            base("ArnLike", Test.LIKE, false),
            base("ArnNotLike", Test.LIKE, true),
            base("Bool", Test.EQUALS_IGNORE_CASE, false),
            base("Null", Test.NULL, false));

    private static Map.Entry<String, ConditionOperator> base(String name, Test test, boolean negated) {
        return Map.entry(name, new ConditionOperator(name, test, negated, Qualifier.SINGLE, false));
    }

    static Optional<ConditionOperator> parse(String name) {
        Qualifier qualifier = Qualifier.SINGLE;
        String rest = name;
        if (rest.startsWith("ForAnyValue:")) {
            qualifier = Qualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (rest.startsWith("ForAllValues:")) {
            qualifier = Qualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        }
        boolean ifExists = rest.endsWith("IfExists");
        if (ifExists) {
            rest = rest.substring(0, rest.length() - "IfExists".length());
        }
        ConditionOperator base = BASE.get(rest);
        if (base == null || base.test == Test.NULL && (ifExists || qualifier != Qualifier.SINGLE)) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(name, base.test, base.negated, qualifier, ifExists));
    }

    boolean wildcards() {
        return test == Test.LIKE;
    }

    boolean ignoreCase() {
        return test == Test.EQUALS_IGNORE_CASE;
    }
}
