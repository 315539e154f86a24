package dev.iotemulator.internal.http.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.internal.authz.DenialLog;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.admin.AdminJson;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.refusals.RefusalLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One console's server-sent event stream: what the journal, the policy denial log and the refusal log record, as
 * {@code message} (a publish, from any source), {@code client} (connect, disconnect, subscribe), {@code denial} and
 * {@code refusal} events. It starts with the latest of each, then follows them live.
 *
 * <p>Recording threads only enqueue (a bounded queue: a console that cannot keep up loses events, counted in a
 * {@code dropped} event, and never slows the emulator down); the channel's own event loop turns them into JSON and
 * writes them, many per flush, and stops writing while the socket is full.
 */
final class LiveFeed {

    static final int MAX_PENDING = 5_000;
    static final int BACKLOG_MESSAGES = 500;
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final int EVENTS_PER_WRITE = 256;
    private static final long KEEP_ALIVE_SECONDS = 15;

    private final Channel channel;
    private final Journal journal;
    private final DenialLog denials;
    private final RefusalLog refusals;
    private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<JournalEntry> onEntry = this::offer;
    private final Consumer<DenialLog.Denial> onDenial = this::offer;
    private final Consumer<RefusalLog.Refusal> onRefusal = this::offer;
    /** What the backlog sent; the live copies of the same records, queued meanwhile, are skipped once. Loop only. */
    private Set<Object> sentInBacklog = Collections.newSetFromMap(new IdentityHashMap<>());
    private ScheduledFuture<?> keepAlive;

    LiveFeed(Channel channel, Journal journal, DenialLog denials, RefusalLog refusals) {
        this.channel = channel;
        this.journal = journal;
        this.denials = denials;
        this.refusals = refusals;
    }

    /** Subscribes to the logs, then sends the backlog; call on the channel's loop after the response head. */
    void start() {
        journal.listen(onEntry);
        denials.listen(onDenial);
        refusals.listen(onRefusal);
        channel.closeFuture().addListener(f -> stop());
        StringBuilder out = new StringBuilder();
        List<JournalEntry> entries = journal.entries();
        int from = entries.size();
        for (int messages = 0; from > 0 && messages < BACKLOG_MESSAGES; ) {
            from--;
            messages += entries.get(from).kind() == JournalEntry.Kind.PUBLISH ? 1 : 0;
        }
        for (JournalEntry entry : entries.subList(from, entries.size())) {
            sentInBacklog.add(entry);
            append(entry, out);
        }
        for (DenialLog.Denial denial : denials.recent()) {
            sentInBacklog.add(denial);
            append(denial, out);
        }
        for (RefusalLog.Refusal refusal : refusals.recent()) {
            sentInBacklog.add(refusal);
            append(refusal, out);
        }
        event("ready", HttpResponses.JSON.createObjectNode().put("journal", journal.enabled()), out);
        write(out);
        keepAlive = channel.eventLoop().scheduleAtFixedRate(() -> write(new StringBuilder(": keep-alive\n\n")),
                KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        schedule();
    }

    private void stop() {
        journal.unlisten(onEntry);
        denials.unlisten(onDenial);
        refusals.unlisten(onRefusal);
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        pending.clear();
    }

    /** Called on recording threads: must stay cheap and never block. */
    private void offer(Object record) {
        if (record instanceof JournalEntry entry && entry.kind() == JournalEntry.Kind.DELIVERY) {
            return;
        }
        if (size.incrementAndGet() > MAX_PENDING) {
            size.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        pending.add(record);
        schedule();
    }

    private void schedule() {
        if (channel.isActive() && scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        if (!channel.isActive()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            event("dropped", HttpResponses.JSON.createObjectNode().put("count", lost), out);
        }
        Object record;
        int written = 0;
        while (written < EVENTS_PER_WRITE && (record = pending.poll()) != null) {
            size.decrementAndGet();
            if (sentInBacklog != null && sentInBacklog.remove(record)) {
                continue;
            }
            append(record, out);
            written++;
        }
        if (pending.isEmpty()) {
            sentInBacklog = null;
        }
        if (out.length() == 0) {
            return;
        }
        ChannelFuture done = write(out);
        if (!pending.isEmpty()) {
            if (channel.isWritable()) {
                schedule();
            } else {
                done.addListener(f -> schedule());
            }
        }
    }

    private void append(Object record, StringBuilder out) {
        if (record instanceof JournalEntry entry) {
            switch (entry.kind()) {
                case PUBLISH -> event("message", AdminJson.journalEntry(entry, MAX_PAYLOAD_BYTES,
                        HttpResponses.JSON.createObjectNode()), out);
                case CONNECT, DISCONNECT, SUBSCRIBE -> event("client", AdminJson.journalEntry(entry, 0,
                        HttpResponses.JSON.createObjectNode()), out);
                default -> {
                    // Deliveries are not shown; denials come with their decision from the denial log.
                }
            }
        } else if (record instanceof DenialLog.Denial denial) {
            event("denial", AdminJson.denial(denial, HttpResponses.JSON.createObjectNode()), out);
        } else if (record instanceof RefusalLog.Refusal refusal) {
            event("refusal", AdminJson.refusal(refusal, HttpResponses.JSON.createObjectNode()), out);
        }
    }

    /** One server-sent event; JSON has no raw line breaks, so the data is a single line. */
    private static void event(String name, ObjectNode data, StringBuilder out) {
        out.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
    }

    private ChannelFuture write(StringBuilder text) {
        ByteBuf chunk = ByteBufUtil.writeUtf8(channel.alloc(), text);
        return channel.writeAndFlush(new DefaultHttpContent(chunk));
    }
}
