package dev.iotemulator.bench;

import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenarios (a) connect rate, with the broker's CPU time per connect, and (d) memory per idle connection, both over
 * the broker's WebSocket endpoint (SigV4-presigned where the broker takes it).
 */
final class ConnectionScenarios {

    private final EventLoopGroup group;
    private final BenchConfig config;
    private final String runId;

    ConnectionScenarios(EventLoopGroup group, BenchConfig config, String runId) {
        this.group = group;
        this.config = config;
        this.runId = runId;
    }

    /** Unmeasured: a fifth of the connect-rate scenario's connections, opened and closed. */
    void warmUp(BrokerUnderTest broker) throws InterruptedException {
        long deadline = System.nanoTime() + config.scenarioTimeout().toNanos();
        Clients.closeAll(Clients.open(group, broker.webSocket(), Math.max(10, config.connects()),
                config.connectConcurrency(), deadline, i -> runId + "-w" + i, i -> payload -> { }).clients());
    }

    /** (a) Connections per second until {@code connects} are connected (CONNACK received), each freshly presigned. */
    List<Result> connectRate(BrokerUnderTest broker) throws InterruptedException {
        String name = "connect ws+sigv4 x" + config.connects();
        long deadline = System.nanoTime() + config.scenarioTimeout().toNanos();
        BrokerCpu cpu = BrokerCpu.start(broker.pid());
        Clients.Opened opened = Clients.open(group, broker.webSocket(), config.connects(),
                config.connectConcurrency(), deadline, i -> runId + "-c" + i, i -> payload -> { });
        cpu.stop();
        try {
            Result rate = Result.of(name + ": rate", "conn/s", opened.perSecond())
                    .withTarget(">= 500", opened.perSecond() >= 500);
            // From the first connect to the last CONNACK: the upgrade, the SigV4 check where there is one, CONNECT.
            List<Result> results = new ArrayList<>(List.of(rate,
                    cpu.per(name + ": CPU per connect", "µs/conn", opened.clients().size())));
            if (opened.failed() > 0) {
                results.add(Result.text(name + ": failed", "conn", opened.failed() + " failed: " + opened.firstFailure()));
            }
            return results;
        } finally {
            Clients.closeAll(opened.clients());
        }
    }

    /** (d) Heap (JVM brokers) and resident-set growth per connected, idle WebSocket client. */
    List<Result> idleMemory(BrokerUnderTest broker) throws InterruptedException {
        int n = config.idleConnections();
        String name = "idle ws+sigv4 x" + n;
        long heapBefore = broker.jvm() ? ProcessProbe.liveHeapKb(broker.pid()) : -1;
        long rssBefore = ProcessProbe.rssKb(broker.pid());
        long deadline = System.nanoTime() + config.scenarioTimeout().toNanos();
        Clients.Opened opened = Clients.open(group, broker.webSocket(), n, config.connectConcurrency(), deadline,
                i -> runId + "-i" + i, i -> payload -> { });
        try {
            Thread.sleep(1000);
            int connected = opened.clients().size();
            long heapAfter = broker.jvm() ? ProcessProbe.liveHeapKb(broker.pid()) : -1;
            long rssAfter = ProcessProbe.rssKb(broker.pid());
            List<Result> results = new ArrayList<>();
            if (broker.jvm()) {
                double perConn = heapBefore < 0 || heapAfter < 0 || connected == 0 ? Double.NaN
                        : (heapAfter - heapBefore) / (double) connected;
                results.add(Result.of(name + ": live heap per conn", "KB", perConn).withTarget("<= 50",
                        perConn <= 50));
            } else {
                results.add(Result.text(name + ": live heap per conn", "KB", "n/a (not a JVM)"));
            }
            double rssPerConn = connected == 0 ? Double.NaN : (rssAfter - rssBefore) / (double) connected;
            results.add(Result.of(name + ": RSS per conn", "KB", rssPerConn));
            results.add(Result.of(name + ": connect rate", "conn/s", opened.perSecond()));
            if (opened.failed() > 0) {
                results.add(Result.text(name + ": failed", "conn", opened.failed() + " failed: " + opened.firstFailure()));
            }
            return results;
        } finally {
            Clients.closeAll(opened.clients());
        }
    }
}
