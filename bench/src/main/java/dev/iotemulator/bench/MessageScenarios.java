package dev.iotemulator.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Scenarios (b), the paced latency check, and (c): messages from publishers to subscribers, every one numbered so
 * losses and duplicates are counted, every one timestamped so latency is measured in this one JVM.
 */
final class MessageScenarios {

    /** Generous, because a saturated broker on a busy 2-core machine can pause deliveries for seconds. */
    private static final long QUIET_NANOS = 10_000_000_000L;

    private final EventLoopGroup group;
    private final BenchConfig config;
    private final String runId;

    MessageScenarios(EventLoopGroup group, BenchConfig config, String runId) {
        this.group = group;
        this.config = config;
        this.runId = runId;
    }

    /** (b) {@code pairs} publisher→subscriber pairs, each on its own topic, sending flat out. */
    List<Result> pointToPoint(Endpoint endpoint, int pairs, MqttQoS qos) throws InterruptedException {
        String name = "p2p " + endpoint.label() + " qos" + qos.value() + " " + pairs + " pair" + (pairs == 1 ? "" : "s");
        return pairs(name, endpoint, pairs, qos, Math.max(1, config.messages() / pairs), Double.NaN);
    }

    /** Unmeasured traffic before the measured scenarios: 10 pairs, QoS 1, a tenth of a point-to-point run. */
    List<Result> warmUp(Endpoint endpoint) throws InterruptedException {
        return pairs("warm-up", endpoint, 10, MqttQoS.AT_LEAST_ONCE, Math.max(10, config.messages() / 100), Double.NaN);
    }

    /** The latency target: QoS 1 over SigV4 WebSocket at a fixed total rate, split over ten pairs. */
    List<Result> paced(Endpoint endpoint) throws InterruptedException {
        int pairs = 10;
        int perPair = Math.max(1, config.pacedRate() * config.pacedSeconds() / pairs);
        String name = "paced " + endpoint.label() + " qos1 " + config.pacedRate() + " msg/s";
        List<Result> results = new ArrayList<>(pairs(name, endpoint, pairs, MqttQoS.AT_LEAST_ONCE, perPair,
                config.pacedRate() / (double) pairs));
        results.replaceAll(r -> r.key().endsWith("p50/p99/max") ? r.withTarget("p99 <= 5 ms", r.value() <= 5) : r);
        return results;
    }

    private List<Result> pairs(String name, Endpoint endpoint, int pairs, MqttQoS qos, int perPair, double pacedRate)
            throws InterruptedException {
        long deadline = System.nanoTime() + config.scenarioTimeout().toNanos();
        AtomicLong delivered = new AtomicLong();
        List<Inbox> inboxes = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            inboxes.add(new Inbox(perPair, delivered));
        }
        String topicRoot = "bench/" + runId + "/" + name.replace(' ', '-').replace("+", "") + "/";
        Clients.Opened subs = Clients.open(group, endpoint, pairs, config.connectConcurrency(), deadline,
                i -> runId + "-s" + i + "-" + System.nanoTime(), inboxes::get);
        Clients.Opened pubs = Clients.open(group, endpoint, pairs, config.connectConcurrency(), deadline,
                i -> runId + "-p" + i + "-" + System.nanoTime(), i -> payload -> { });
        List<BenchClient> all = new ArrayList<>(subs.clients());
        all.addAll(pubs.clients());
        try {
            if (subs.failed() > 0 || pubs.failed() > 0) {
                return List.of(Result.text(name + ": error", "", "connect failed: "
                        + (subs.firstFailure() != null ? subs.firstFailure() : pubs.firstFailure())));
            }
            List<CompletableFuture<Void>> subscribed = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                subscribed.add(subs.clients().get(i).subscribe(topicRoot + i, qos));
            }
            CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).join();
            long start = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                Publisher p = new Publisher(pubs.clients().get(i), topicRoot + i, qos, perPair, config.window(),
                        config.payloadBytes());
                if (Double.isNaN(pacedRate)) {
                    p.startFlat();
                } else {
                    p.startPaced(pacedRate);
                }
            }
            boolean timedOut = awaitDeliveries(delivered::get, (long) pairs * perPair, deadline);
            return report(name, inboxes, start, qos, timedOut);
        } finally {
            Clients.closeAll(all);
        }
    }

    /** (c) one publisher, many subscribers on one topic; each message is sent once the previous reached everyone. */
    List<Result> fanOut(Endpoint endpoint) throws InterruptedException {
        int subscribers = config.fanOutSubscribers();
        int messages = config.fanOutMessages();
        String name = "fan-out " + endpoint.label() + " qos1 1→" + subscribers;
        long deadline = System.nanoTime() + config.scenarioTimeout().toNanos();
        AtomicLong delivered = new AtomicLong();
        List<Inbox> inboxes = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            inboxes.add(new Inbox(messages, delivered));
        }
        String topic = "bench/" + runId + "/fan-out";
        Clients.Opened subs = Clients.open(group, endpoint, subscribers, config.connectConcurrency(), deadline,
                i -> runId + "-f" + i + "-" + System.nanoTime(), inboxes::get);
        Clients.Opened pubs = Clients.open(group, endpoint, 1, 1, deadline, i -> runId + "-fp-" + System.nanoTime(),
                i -> payload -> { });
        List<BenchClient> all = new ArrayList<>(subs.clients());
        all.addAll(pubs.clients());
        try {
            if (subs.failed() > 0 || pubs.failed() > 0) {
                return List.of(Result.text(name + ": error", "", subs.clients().size() + " of " + subscribers
                        + " connected: " + (subs.firstFailure() != null ? subs.firstFailure() : pubs.firstFailure())));
            }
            List<CompletableFuture<Void>> subscribed = new ArrayList<>();
            for (BenchClient c : subs.clients()) {
                subscribed.add(c.subscribe(topic, MqttQoS.AT_LEAST_ONCE));
            }
            CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).join();
            Publisher publisher = new Publisher(pubs.clients().get(0), topic, MqttQoS.AT_LEAST_ONCE, messages, 1,
                    config.payloadBytes());
            long start = System.nanoTime();
            boolean timedOut = false;
            for (int m = 0; m < messages && !timedOut; m++) {
                publisher.sendOne();
                long roundDeadline = Math.min(deadline, System.nanoTime() + 5_000_000_000L);
                timedOut = awaitDeliveries(delivered::get, (long) (m + 1) * subscribers, roundDeadline);
            }
            Thread.sleep(200); // late duplicates, if any, are counted too
            return report(name, inboxes, start, MqttQoS.AT_LEAST_ONCE, timedOut);
        } finally {
            Clients.closeAll(all);
        }
    }

    /** Waits until {@code expected} unique deliveries, the deadline, or {@link #QUIET_NANOS} without progress. */
    static boolean awaitDeliveries(LongSupplier delivered, long expected, long deadline) throws InterruptedException {
        long last = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long d = delivered.getAsLong();
            if (d >= expected) {
                return false;
            }
            if (d != last) {
                last = d;
                lastProgress = now;
            }
            if (now >= deadline || now - lastProgress > QUIET_NANOS) {
                return true;
            }
            Thread.sleep(1);
        }
    }

    private static List<Result> report(String name, List<Inbox> inboxes, long start, MqttQoS qos, boolean timedOut) {
        List<DeliveryLedger> ledgers = new ArrayList<>();
        List<LatencyRecorder> recorders = new ArrayList<>();
        long end = start;
        for (Inbox inbox : inboxes) {
            ledgers.add(inbox.ledger);
            recorders.add(inbox.latencies);
            end = Math.max(end, inbox.lastDeliveryNanos());
        }
        DeliveryLedger total = DeliveryLedger.merge(ledgers);
        LatencyRecorder latency = LatencyRecorder.merge(recorders);
        double seconds = Math.max(1e-9, (end - start) / 1e9);
        double throughput = total.unique() / seconds;
        String lossNote = "lost " + total.lost() + " of " + total.expected() + ", duplicates " + total.duplicates()
                + (total.unexpected() > 0 ? ", unexpected " + total.unexpected() : "")
                + (timedOut ? " (stopped: no progress or time-out)" : "");
        Result loss = new Result(name + ": loss", "msgs", total.lost(), lossNote, null, null);
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            loss = loss.withTarget("0 lost", total.lost() == 0);
        }
        return List.of(
                Result.of(name + ": throughput", "msg/s", throughput),
                new Result(name + ": latency p50/p99/max", "ms", Format.millis(latency.percentile(99)),
                        Format.number(Format.millis(latency.percentile(50))) + " / "
                                + Format.number(Format.millis(latency.percentile(99))) + " / "
                                + Format.number(Format.millis(latency.max())), null, null),
                loss);
    }
}
