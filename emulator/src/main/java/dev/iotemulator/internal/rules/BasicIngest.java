package dev.iotemulator.internal.rules;

import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.ReservedTopicService;

/**
 * AWS's Basic Ingest (developer guide, "Reducing messaging costs with Basic Ingest"): a message on
 * {@code $aws/rules/<rule>/<topic>} goes to that rule only and never reaches the broker, so no subscriber sees it.
 */
public final class BasicIngest implements ReservedTopicService {

    static final String PREFIX = "$aws/rules/";

    private final RulesEngine engine;

    public BasicIngest(RulesEngine engine) {
        this.engine = engine;
    }

    @Override
    public boolean serves(String topic) {
        return topic.startsWith(PREFIX);
    }

    @Override
    public boolean handle(Publish publish) {
        String rest = publish.topic().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String rule = slash < 0 ? rest : rest.substring(0, slash);
        engine.onBasicIngest(publish, rule, slash < 0 ? "" : rest.substring(slash + 1));
        return true;
    }
}
