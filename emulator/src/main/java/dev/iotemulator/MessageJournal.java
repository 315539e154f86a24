package dev.iotemulator;

import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.journal.NearMisses;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What has happened on an {@link IotEmulator} since it started or was last {@linkplain IotEmulator#reset() reset}:
 * connects, disconnects, subscribes, publishes, deliveries and IoT policy denials, oldest first. Only the latest
 * {@link EmulatorOptions#journalCapacity()} entries are kept.
 *
 * <pre>{@code
 * assertThat(iot.journal().publishes()).extracting(ReceivedMessage::topic).contains("devices/d1/telemetry");
 * }</pre>
 */
public final class MessageJournal {

    private static final int LISTED = 20;

    private final Journal journal;

    MessageJournal(Journal journal) {
        this.journal = journal;
    }

    /** Every entry kept, oldest first. */
    public List<JournalEntry> entries() {
        return journal.entries();
    }

    /** The messages published to the emulator, oldest first. */
    public List<ReceivedMessage> publishes() {
        return journal.entries().stream().filter(e -> e.kind() == JournalEntry.Kind.PUBLISH)
                .map(ReceivedMessage::of).toList();
    }

    /** Forgets every entry so far. */
    public void clear() {
        journal.clear();
    }

    ReceivedMessage await(Predicate<ReceivedMessage> which, String what, String filter, Duration timeout) {
        if (!journal.enabled()) {
            throw new IotEmulatorException("awaitMessage needs the message journal, which is off (journal capacity 0)."
                    + " Start the emulator with EmulatorOptions.builder().journalCapacity(10000) (--journal-capacity).");
        }
        CompletableFuture<ReceivedMessage> found = new CompletableFuture<>();
        Consumer<JournalEntry> listener = entry -> {
            if (entry.kind() == JournalEntry.Kind.PUBLISH && !found.isDone()) {
                try {
                    ReceivedMessage message = ReceivedMessage.of(entry);
                    if (which.test(message)) {
                        found.complete(message);
                    }
                } catch (RuntimeException | Error e) {
                    found.completeExceptionally(e);
                }
            }
        };
        journal.listen(listener);
        try {
            for (ReceivedMessage message : publishes()) {
                if (which.test(message)) {
                    return message;
                }
            }
            return found.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new MessageNotReceivedException(notReceived(what, filter, timeout, publishes()));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IotEmulatorException(
                    "the predicate passed to awaitMessage threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IotEmulatorException("interrupted while awaiting " + what, e);
        } finally {
            journal.unlisten(listener);
        }
    }

    private static List<String> latestFirst(List<String> topics) {
        List<String> reversed = new java.util.ArrayList<>(topics);
        java.util.Collections.reverse(reversed);
        return reversed.stream().distinct().toList();
    }

    /**
     * The message of a {@link MessageNotReceivedException}: what was awaited, and the topics of the messages that did
     * arrive, nearest to {@code filter} first (latest first without one). Messages on reserved {@code $} topics
     * (lifecycle events, shadow responses) are only counted, unless the filter itself is a {@code $} one.
     */
    static String notReceived(String what, String filter, Duration timeout, List<ReceivedMessage> arrived) {
        StringBuilder text = new StringBuilder("No message ").append(what).append(" arrived within ")
                .append(timeout.toMillis()).append(" ms.");
        if (arrived.isEmpty()) {
            return text.append(" No message was published at all since the emulator started or was last reset.")
                    .toString();
        }
        boolean listReserved = filter == null || filter.startsWith("$");
        List<ReceivedMessage> listed = listReserved ? arrived
                : arrived.stream().filter(m -> !m.topic().startsWith("$")).toList();
        long reserved = arrived.size() - listed.size();
        if (listed.isEmpty()) {
            return text.append(" Only ").append(reserved).append(" message(s) on reserved $ topics (lifecycle events, "
                    + "shadow responses) were published since the emulator started or was last reset.").toString();
        }
        List<String> topics = listed.stream().map(ReceivedMessage::topic).toList();
        List<String> ordered = filter != null ? NearMisses.rank(filter, topics) : latestFirst(topics);
        text.append(' ').append(listed.size()).append(" message(s) did arrive, on these topics")
                .append(filter != null ? " (nearest first; did you mean one of them?):" : " (latest first):");
        var byTopic = listed.stream().collect(Collectors.groupingBy(ReceivedMessage::topic));
        for (String topic : ordered.subList(0, Math.min(LISTED, ordered.size()))) {
            List<ReceivedMessage> on = byTopic.get(topic);
            ReceivedMessage last = on.get(on.size() - 1);
            text.append("\n  ").append(topic).append("  (").append(on.size()).append(" message(s), last from ")
                    .append(last.clientId() == null ? "the emulator" : "client " + last.clientId())
                    .append(", qos ").append(last.qos()).append(", ").append(last.payload().length).append(" bytes)");
        }
        if (ordered.size() > LISTED) {
            text.append("\n  ... and ").append(ordered.size() - LISTED).append(" more topic(s)");
        }
        if (reserved > 0) {
            text.append("\n  (and ").append(reserved).append(" message(s) on reserved $ topics, such as lifecycle "
                    + "events, not listed)");
        }
        return text.toString();
    }
}
