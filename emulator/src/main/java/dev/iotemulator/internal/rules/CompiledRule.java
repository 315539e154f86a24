package dev.iotemulator.internal.rules;

import dev.iotemulator.internal.rules.actions.RuleAction;
import dev.iotemulator.internal.rules.actions.RuleActions;
import java.util.List;

/** A rule with its actions built, ready to run. */
record CompiledRule(TopicRule rule, List<RuleAction> actions, RuleAction errorAction) {

    /** @throws RuleDefinitionException or a parse exception when an action cannot be built */
    static CompiledRule of(TopicRule rule, RuleActions factory) {
        List<RuleAction> actions = rule.actions().stream()
                .map(a -> factory.create(a, rule.statement().version())).toList();
        RuleAction error = rule.errorAction() == null ? null
                : factory.create(rule.errorAction(), rule.statement().version());
        return new CompiledRule(rule, actions, error);
    }
}
