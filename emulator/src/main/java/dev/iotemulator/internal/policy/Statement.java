package dev.iotemulator.internal.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One compiled entry of a policy's {@code Statement} list.
 *
 * <p>Any policy variable used in the statement's resources or condition values must have a value for the
 * statement to apply at all: AWS IoT does not apply a statement whose variable cannot be resolved (for example
 * {@code ${iot:Connection.Thing.ThingName}} on a connection with no thing). This is checked for the whole
 * statement, not per resource entry, so the outcome never depends on the order of entries.
 */
public final class Statement {

    private final StatementRef ref;
    private final Effect effect;
    private final PatternList actions;
    private final PatternList resources;
    private final Condition.KeyCondition[] conditions;
    private final String unsupportedOperator;
    private final String[] variables;
    private final Decision.Allowed allowed;
    private final Decision.ExplicitlyDenied denied;

    Statement(StatementRef ref, Effect effect, PatternList actions, PatternList resources,
              List<Condition> conditions) {
        this.ref = ref;
        this.effect = effect;
        this.actions = actions;
        this.resources = resources;
        this.conditions = conditions.stream()
                .filter(Condition.KeyCondition.class::isInstance)
                .map(Condition.KeyCondition.class::cast)
                .toArray(Condition.KeyCondition[]::new);
        this.unsupportedOperator = conditions.stream()
                .filter(Condition.UnsupportedCondition.class::isInstance)
                .map(c -> ((Condition.UnsupportedCondition) c).operator())
                .findFirst().orElse(null);
        this.variables = variablesOf(resources, this.conditions);
        this.allowed = new Decision.Allowed(ref);
        this.denied = new Decision.ExplicitlyDenied(ref, "");
    }

    /** Which policy and position this statement came from. */
    public StatementRef ref() {
        return ref;
    }

    /** Whether the statement allows or denies. */
    public Effect effect() {
        return effect;
    }

    boolean matchesAction(String action) {
        return actions.matches(action, RequestContext.empty());
    }

    String firstUnresolvedVariable(RequestContext context) {
        for (String variable : variables) {
            if (context.value(variable) == null) {
                return variable;
            }
        }
        return null;
    }

    boolean matchesResource(String resource, RequestContext context) {
        return resources.matches(resource, context);
    }

    boolean supportedConditionsHold(RequestContext context) {
        for (Condition.KeyCondition condition : conditions) {
            if (!condition.holds(context)) {
                return false;
            }
        }
        return true;
    }

    String unsupportedOperator() {
        return unsupportedOperator;
    }

    Decision.Allowed allowed() {
        return allowed;
    }

    Decision.ExplicitlyDenied denied() {
        return denied;
    }

    private static String[] variablesOf(PatternList resources, Condition.KeyCondition[] conditions) {
        Set<String> names = new LinkedHashSet<>();
        resources.patterns().forEach(p -> names.addAll(p.variables()));
        for (Condition.KeyCondition condition : conditions) {
            condition.values().forEach(p -> names.addAll(p.variables()));
        }
        return names.toArray(String[]::new);
    }

    /** Renders the statement's reference and effect, for logs. */
    @Override
    public String toString() {
        return ref + " effect=" + effect.jsonName();
    }
}
