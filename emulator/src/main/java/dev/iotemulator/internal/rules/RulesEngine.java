package dev.iotemulator.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.RuleExecution;
import dev.iotemulator.RuleExecution.ActionOutcome;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.rules.actions.ActionErrors;
import dev.iotemulator.internal.rules.actions.ActionInput;
import dev.iotemulator.internal.rules.actions.RuleAction;
import dev.iotemulator.internal.rules.actions.RuleActions;
import dev.iotemulator.internal.rules.sql.EvalContext;
import dev.iotemulator.internal.rules.sql.External;
import dev.iotemulator.internal.rules.sql.SqlStatement;
import dev.iotemulator.internal.rules.sql.Trace;
import dev.iotemulator.internal.rules.sql.Values;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS IoT rules engine: every message the pipeline accepts is matched against the enabled rules' FROM filters
 * on the publisher's thread (a few string comparisons per rule); evaluation and actions then run on the engine's
 * own threads, so a slow action never holds a publisher. Each evaluation is recorded in {@link RuleExecutions} and
 * logged at DEBUG. A republished message goes through the pipeline again and may trigger other rules; a chain of more
 * than {@value #MAX_DEPTH} republishes is cut with a WARN, since it is almost always a rule feeding itself.
 *
 * <p>When evaluations queue up faster than the engine runs them (more than {@value #HIGH_WATER} waiting), the engine
 * reports itself congested, as a slow subscriber does, so MQTT publishers are slowed down until it is back under
 * {@value #LOW_WATER}; only past {@value #QUEUE} waiting (sources that cannot be held: HTTP, the emulator's own) are
 * evaluations dropped, counted and logged.
 */
public final class RulesEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RulesEngine.class);
    static final int MAX_DEPTH = 8;
    private static final int QUEUE = 10_000;
    static final int HIGH_WATER = 2_000;
    static final int LOW_WATER = 500;
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    private final RuleBook book;
    private final RuleActions factory;
    private final RuleExecutions executions;
    private final External external;
    private final String accountId;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong evaluated = new AtomicLong();
    private volatile Map<String, CompiledRule> compiled = Map.of();
    /** The enabled rules with a FROM clause: what every message is matched against. */
    private volatile List<CompiledRule> listening = List.of();
    private volatile long lastDropWarning;
    private final Backlog backlog;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean congested = new java.util.concurrent.atomic.AtomicBoolean();

    /** Where the engine reports that its queue is too long (the publishers' flow control), and that it drained. */
    public interface Backlog {
        void congested();

        void cleared();
    }

    public RulesEngine(RuleBook book, RuleActions factory, RuleExecutions executions, External external,
            String accountId, Clock clock, Backlog backlog) {
        this.backlog = backlog;
        this.book = book;
        this.factory = factory;
        this.executions = executions;
        this.external = external;
        this.accountId = accountId;
        this.clock = clock;
        this.workers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "iot-rules");
            t.setDaemon(true);
            return t;
        });
        book.onChange(b -> recompile());
        recompile();
    }

    /** Builds a rule's actions, so that a rule that cannot run is refused when it is created. */
    public void check(TopicRule rule) {
        CompiledRule.of(rule, factory);
    }

    private synchronized void recompile() {
        Map<String, CompiledRule> next = new HashMap<>();
        List<CompiledRule> from = new ArrayList<>();
        for (TopicRule rule : book.rules()) {
            CompiledRule c = compiled.get(rule.name());
            c = c != null && c.rule() == rule ? c : CompiledRule.of(rule, factory);
            next.put(rule.name(), c);
            if (!rule.disabled() && rule.topicPattern() != null) {
                from.add(c);
            }
        }
        compiled = Map.copyOf(next);
        listening = List.copyOf(from);
    }

    /** Every message the pipeline accepted and did not hand to a reserved-topic service. */
    public void onMessage(Publish p) {
        List<CompiledRule> rules = listening;
        List<CompiledRule> matching = null;
        for (CompiledRule r : rules) {
            if (r.rule().statement().matchesTopic(p.topic())) {
                if (matching == null) {
                    matching = new ArrayList<>(2);
                }
                matching.add(r);
            }
        }
        if (matching != null) {
            submit(matching, p, p.topic());
        }
    }

    /**
     * A Basic Ingest message ({@code $aws/rules/<rule>/<topic>}): straight to that rule, with {@code topic()} seeing
     * only {@code <topic>}. An unknown or disabled rule is logged, as AWS logs it to CloudWatch; the publish itself
     * still succeeds.
     */
    public void onBasicIngest(Publish p, String ruleName, String topic) {
        CompiledRule r = compiled.get(ruleName);
        if (r == null || r.rule().disabled()) {
            LOG.warn("event=basic_ingest_rule_not_found rule={} topic={} reason=\"{}\" rules={}", ruleName, p.topic(),
                    r == null ? "no rule of that name (AWS: RuleNotFound)" : "the rule is disabled",
                    compiled.keySet());
            return;
        }
        submit(List.of(r), p, topic);
    }

    private void submit(List<CompiledRule> rules, Publish p, String topic) {
        int depth = DEPTH.get();
        if (depth >= MAX_DEPTH) {
            LOG.warn("event=rule_loop_cut topic={} rules={} hint=\"a rule republished {} times in a chain; does a "
                    + "rule republish to a topic its own FROM matches?\"", p.topic(),
                    rules.stream().map(r -> r.rule().name()).toList(), depth);
            return;
        }
        try {
            if (waiting.incrementAndGet() > HIGH_WATER && congested.compareAndSet(false, true)) {
                backlog.congested();
            }
            workers.execute(() -> {
                if (waiting.decrementAndGet() < LOW_WATER && congested.compareAndSet(true, false)) {
                    backlog.cleared();
                }
                run(rules, p, topic, depth + 1);
            });
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            dropped.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastDropWarning > TimeUnit.SECONDS.toNanos(10)) {
                lastDropWarning = now;
                LOG.warn("event=rule_evaluation_dropped topic={} dropped={} reason=\"{} evaluations queued; the "
                        + "rules' actions are slower than the messages arrive\"", p.topic(), dropped.get(), QUEUE);
            }
        }
    }

    /** How many rule evaluations have completed since start (fired or not). */
    public long evaluated() {
        return evaluated.get();
    }

    /** How many evaluations were dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void run(List<CompiledRule> rules, Publish p, String topic, int depth) {
        JsonNode json = Values.parse(p.payload());
        String traceId = UUID.randomUUID().toString();
        for (CompiledRule rule : rules) {
            DEPTH.set(depth);
            try {
                evaluate(rule, p, topic, json, traceId);
            } catch (RuntimeException e) {
                LOG.error("event=rule_failed rule={} topic={} error=\"{}\"", rule.rule().name(), p.topic(), e, e);
            } finally {
                DEPTH.set(0);
            }
        }
    }

    private void evaluate(CompiledRule compiled, Publish p, String topic, JsonNode json, String traceId) {
        TopicRule rule = compiled.rule();
        SqlStatement sql = rule.statement();
        Trace trace = new Trace();
        EvalContext ctx = new EvalContext(topic, p.clientId(), p.principal(), accountId, traceId, p.payload(), json,
                clock.millis(), external, trace);
        SqlStatement.Evaluation e = sql.evaluate(ctx);
        long sequence = executions.nextSequence();
        if (!e.matched()) {
            record(new RuleExecution(sequence, rule.name(), clock.instant(), p.topic(), p.clientId(), false,
                    Values.show(e.where()), trace.lines(), null, List.of(), null));
            return;
        }
        ActionInput input = new ActionInput(rule.name(), e.payload(), e.output(), ctx, sql.version());
        ErrorPayload errors = new ErrorPayload(rule.name(), topic, traceId, p.clientId(), p.payload());
        List<ActionOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < compiled.actions().size(); i++) {
            outcomes.add(runAction(compiled.actions().get(i), input, rule.actions().get(i).failedActionName(),
                    errors, rule.name()));
        }
        ActionOutcome errorOutcome = null;
        if (!errors.isEmpty() && compiled.errorAction() != null) {
            byte[] errorBytes = Values.json(errors.json()).getBytes(StandardCharsets.UTF_8);
            ActionInput errorInput = new ActionInput(rule.name(), errorBytes, errors.json(),
                    ctx.withoutExternalCalls(), sql.version());
            errorOutcome = runAction(compiled.errorAction(), errorInput, null, null, rule.name());
        }
        record(new RuleExecution(sequence, rule.name(), clock.instant(), p.topic(), p.clientId(), true,
                sql.hasWhere() ? Values.show(e.where()) : null,
                trace.lines(), text(e.payload()), outcomes, errorOutcome));
    }

    private static ActionOutcome runAction(RuleAction action, ActionInput input, String failedActionName,
            ErrorPayload errors, String ruleName) {
        String target = "?";
        try {
            target = action.target(input);
            return new ActionOutcome(action.type(), target, true, action.run(input));
        } catch (RuntimeException ex) {
            String message = ActionErrors.describe(ex);
            LOG.warn("event=rule_action_failed rule={} action={} target={} error=\"{}\"", ruleName, action.type(),
                    target, message);
            if (errors != null) {
                errors.add(failedActionName, target, message);
            }
            return new ActionOutcome(action.type(), target, false, message);
        }
    }

    private void record(RuleExecution execution) {
        executions.record(execution);
        evaluated.incrementAndGet();
        if (LOG.isDebugEnabled()) {
            LOG.debug("event=rule_evaluated rule={} topic={} fired={} explanation=\"{}\"", execution.ruleName(),
                    execution.topic(), execution.fired(), execution.explanation());
        }
    }

    /** UTF-8 text when the bytes are valid UTF-8, otherwise base64. */
    static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
