package dev.iotemulator.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Scenarios (b), the paced latency check, the flat-out QoS 1 check, and (c): messages from publishers to subscribers,
 * every one numbered so losses and duplicates are counted, every one timestamped so latency is measured in this one
 * JVM, with the broker process's CPU time over the sending and delivering.
 */
final class MessageScenarios {

    /** Generous, because a saturated broker on a busy 2-core machine can pause deliveries for seconds. */
    private static final long QUIET_NANOS = 10_000_000_000L;
    /**
     * Between the subscribers' CONNACKs and their SUBSCRIBEs. Moquette 0.17 closes a connection whose SUBSCRIBE it
     * reads before its own CONNACK write has completed (it marks the connection connected only then), which the
     * emulator's gateway avoids by holding the CONNACK, but bare Moquette does not. Outside every measured interval.
     */
    private static final long SUBSCRIBE_AFTER_CONNECT_MILLIS = 50;
    private static final int FLAT_OUT_PAIRS = 10;

    private final EventLoopGroup group;
    private final BenchConfig config;
    private final String runId;
    private final long brokerPid;

    /** @param brokerPid the broker process, whose CPU time and memory {@code /proc} reports */
    MessageScenarios(EventLoopGroup group, BenchConfig config, String runId, long brokerPid) {
        this.group = group;
        this.config = config;
        this.runId = runId;
        this.brokerPid = brokerPid;
    }

    /** (b) {@code pairs} publisher→subscriber pairs, each on its own topic, sending flat out. */
    List<Result> pointToPoint(Endpoint endpoint, int pairs, MqttQoS qos) throws InterruptedException {
        String name = "p2p " + endpoint.label() + " qos" + qos.value() + " " + pairs + " pair" + (pairs == 1 ? "" : "s");
        Measured m = pairs(name, endpoint, pairs, qos, Math.max(1, config.messages() / pairs), Double.NaN,
                config.scenarioTimeout(), false);
        return List.of(m.throughput(), m.latency(), m.loss(qos), m.cpu());
    }

    /**
     * The flat-out QoS 1 check: {@value #FLAT_OUT_PAIRS} pairs, every publisher keeping its whole window in
     * flight, {@code BENCH_FLATOUT_MESSAGES} in all, with its own time limit and the broker's resident set sampled.
     * Targets (emulator): nothing lost or duplicated, p50 under 50 ms.
     */
    List<Result> flatOut(Endpoint endpoint) throws InterruptedException {
        String name = "flat-out " + endpoint.label() + " qos1 " + FLAT_OUT_PAIRS + " pairs";
        Measured m = pairs(name, endpoint, FLAT_OUT_PAIRS, MqttQoS.AT_LEAST_ONCE,
                Math.max(1, config.flatOutMessages() / FLAT_OUT_PAIRS), Double.NaN, config.flatOutTimeout(), true);
        long p50 = m.latencies().percentile(50);
        return List.of(m.throughput(),
                m.latency().withTarget("p50 < 50 ms", p50 >= 0 && p50 < 50_000_000L),
                m.loss(MqttQoS.AT_LEAST_ONCE).withTarget("0 lost, 0 duplicates",
                        m.ledger().lost() == 0 && m.ledger().duplicates() == 0 && m.ledger().unexpected() == 0),
                m.peakRss(), m.cpu());
    }

    /**
     * Unmeasured traffic before the measured scenarios, enough for the JIT compilers to finish the hot paths (a
     * broker with a longer message path needs more): 10 pairs, a point-to-point run's worth of QoS 1 messages, then
     * a fifth of that at QoS 0, over WebSocket and over TCP.
     */
    List<Result> warmUp(Endpoint webSocket, Endpoint tcp) throws InterruptedException {
        int perPair = Math.max(10, config.messages() / 10);
        pairs("warm-up", webSocket, 10, MqttQoS.AT_MOST_ONCE, Math.max(2, perPair / 5), Double.NaN,
                config.scenarioTimeout(), false);
        pairs("warm-up", tcp, 10, MqttQoS.AT_LEAST_ONCE, Math.max(2, perPair / 5), Double.NaN,
                config.scenarioTimeout(), false);
        Measured m = pairs("warm-up", webSocket, 10, MqttQoS.AT_LEAST_ONCE, perPair, Double.NaN,
                config.scenarioTimeout(), false);
        return List.of(m.throughput(), m.latency(), m.loss(MqttQoS.AT_LEAST_ONCE));
    }

    /** The latency target: QoS 1 over SigV4 WebSocket at a fixed total rate, split over ten pairs. */
    List<Result> paced(Endpoint endpoint) throws InterruptedException {
        int pairs = 10;
        int perPair = Math.max(1, config.pacedRate() * config.pacedSeconds() / pairs);
        String name = "paced " + endpoint.label() + " qos1 " + config.pacedRate() + " msg/s";
        Measured m = pairs(name, endpoint, pairs, MqttQoS.AT_LEAST_ONCE, perPair, config.pacedRate() / (double) pairs,
                config.scenarioTimeout(), false);
        Result latency = m.latency();
        return List.of(m.throughput(), latency.withTarget("p99 <= 5 ms", latency.value() <= 5),
                m.loss(MqttQoS.AT_LEAST_ONCE), m.cpu());
    }

    /**
     * Connects {@code pairs} subscribers and publishers, subscribes, then lets every publisher send {@code perPair}
     * messages, flat out or at {@code pacedRate} each, and waits for them (at most {@code timeout}).
     */
    private Measured pairs(String name, Endpoint endpoint, int pairs, MqttQoS qos, int perPair, double pacedRate,
            Duration timeout, boolean sampleRss) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
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
                throw new IllegalStateException("connect failed: "
                        + (subs.firstFailure() != null ? subs.firstFailure() : pubs.firstFailure()));
            }
            Thread.sleep(SUBSCRIBE_AFTER_CONNECT_MILLIS);
            List<CompletableFuture<Void>> subscribed = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                subscribed.add(subs.clients().get(i).subscribe(topicRoot + i, qos));
            }
            CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).join();
            RssSampler rss = sampleRss ? RssSampler.start(brokerPid, timeout) : null;
            BrokerCpu cpu = BrokerCpu.start(brokerPid);
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
            cpu.stop();
            if (rss != null) {
                rss.close();
            }
            return Measured.of(name, inboxes, start, timedOut, cpu, rss);
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
            Thread.sleep(SUBSCRIBE_AFTER_CONNECT_MILLIS);
            List<CompletableFuture<Void>> subscribed = new ArrayList<>();
            for (BenchClient c : subs.clients()) {
                subscribed.add(c.subscribe(topic, MqttQoS.AT_LEAST_ONCE));
            }
            CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).join();
            Publisher publisher = new Publisher(pubs.clients().get(0), topic, MqttQoS.AT_LEAST_ONCE, messages, 1,
                    config.payloadBytes());
            BrokerCpu cpu = BrokerCpu.start(brokerPid);
            long start = System.nanoTime();
            boolean timedOut = false;
            for (int m = 0; m < messages && !timedOut; m++) {
                publisher.sendOne();
                long roundDeadline = Math.min(deadline, System.nanoTime() + 5_000_000_000L);
                timedOut = awaitDeliveries(delivered::get, (long) (m + 1) * subscribers, roundDeadline);
            }
            cpu.stop();
            Thread.sleep(200); // late duplicates, if any, are counted too
            Measured m = Measured.of(name, inboxes, start, timedOut, cpu, null);
            return List.of(m.throughput(), m.latency(), m.loss(MqttQoS.AT_LEAST_ONCE), m.cpu());
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

    /** What one message run measured, before it becomes rows; the rows' keys start with the run's name. */
    private record Measured(String name, DeliveryLedger ledger, LatencyRecorder latencies, double perSecond,
            boolean timedOut, BrokerCpu brokerCpu, RssSampler rss) {

        static Measured of(String name, List<Inbox> inboxes, long start, boolean timedOut, BrokerCpu cpu,
                RssSampler rss) {
            List<DeliveryLedger> ledgers = new ArrayList<>();
            List<LatencyRecorder> recorders = new ArrayList<>();
            long end = start;
            for (Inbox inbox : inboxes) {
                ledgers.add(inbox.ledger);
                recorders.add(inbox.latencies);
                end = Math.max(end, inbox.lastDeliveryNanos());
            }
            DeliveryLedger total = DeliveryLedger.merge(ledgers);
            double seconds = Math.max(1e-9, (end - start) / 1e9);
            return new Measured(name, total, LatencyRecorder.merge(recorders), total.unique() / seconds, timedOut,
                    cpu, rss);
        }

        Result throughput() {
            return Result.of(name + ": throughput", "msg/s", perSecond);
        }

        Result latency() {
            return new Result(name + ": latency p50/p99/max", "ms", Format.millis(latencies.percentile(99)),
                    Format.number(Format.millis(latencies.percentile(50))) + " / "
                            + Format.number(Format.millis(latencies.percentile(99))) + " / "
                            + Format.number(Format.millis(latencies.max())), null, null);
        }

        /** Lost and duplicated messages; for QoS 1, with the target that nothing is lost. */
        Result loss(MqttQoS qos) {
            String note = "lost " + ledger.lost() + " of " + ledger.expected() + ", duplicates " + ledger.duplicates()
                    + (ledger.unexpected() > 0 ? ", unexpected " + ledger.unexpected() : "")
                    + (timedOut ? " (stopped: no progress or time-out)" : "");
            Result loss = new Result(name + ": loss", "msgs", ledger.lost(), note, null, null);
            return qos == MqttQoS.AT_LEAST_ONCE ? loss.withTarget("0 lost", ledger.lost() == 0) : loss;
        }

        /** The broker's CPU time from the first send to the last delivery, per unique delivery. */
        Result cpu() {
            return brokerCpu.per(name + ": CPU per message", "µs/msg", ledger.unique());
        }

        Result peakRss() {
            return rss.result(name + ": peak RSS");
        }
    }
}
