package dev.iotemulator.bench.soak;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The soak: the runnable jar (256 MB heap and direct memory, persistence on) under mixed traffic for a bounded time,
 * then a report of what the acceptance asks for: acknowledged QoS 1 messages lost, the broker's session threads, the
 * health canary, RSS over time and the log's volume and loud lines.
 *
 * <ul>
 *   <li>ledger: two QoS 1 publishers with sequence numbers, a persistent subscriber that leaves (cleanly or abruptly)
 *       every 20-40 s and comes back after 1-3 s;</li>
 *   <li>churn: connect/disconnect cycles with fresh client ids, half of them abrupt;</li>
 *   <li>storms: every 60 s, 30 connections at once with one client id;</li>
 *   <li>shadows: updates of 10 things' shadows over MQTT;</li>
 *   <li>resets: every 150 s an admin reset; the ledger pauses and drains around it, since a reset ends sessions with
 *       what they hold, by design.</li>
 * </ul>
 *
 * <p>Usage: {@code bench/soak.sh} (10 minutes), or {@code java -cp iot-bench.jar dev.iotemulator.bench.soak.Soak
 * --emulator-jar <jar> --minutes 10 --out <report.md>}. Only 127.0.0.1 is used; everything stops by itself.
 */
public final class Soak {

    private static final Pattern TCP = Pattern.compile("tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern EVENT = Pattern.compile("event=([a-z_]+)");

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean ledgerPaused = new AtomicBoolean();
    private final Ledger ledger = new Ledger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicLong churnCycles = new AtomicLong();
    private final AtomicLong stormConnects = new AtomicLong();
    private final AtomicLong shadowAccepted = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong subscriberReturns = new AtomicLong();
    private final List<String> problems = new ArrayList<>();
    private String tcp;
    private URI http;

    public static void main(String[] args) throws Exception {
        Path jar = null;
        long minutes = 10;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--emulator-jar" -> jar = Path.of(args[i + 1]);
                case "--minutes" -> minutes = Long.parseLong(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (jar == null) {
            throw new IllegalArgumentException("--emulator-jar <path to iot-emulator.jar> is required");
        }
        String report = new Soak().run(jar, Duration.ofMinutes(minutes));
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
        }
    }

    String run(Path jar, Duration duration) throws Exception {
        Path data = Files.createTempDirectory("iot-soak-data");
        Path stderr = Files.createTempFile("iot-soak", ".stderr.log");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Process emulator = new ProcessBuilder("java", "-Xmx256m", "-XX:MaxDirectMemorySize=256m", "-jar",
                jar.toString(), "--http-port", "0", "--mqtt-port", "0", "--https-port", "-1", "--mqtts-port", "-1",
                "--data-dir", data.toString()).redirectError(stderr.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::destroyForcibly));
        readBanner(emulator);
        Instant started = Instant.now();
        List<Thread> workers = new ArrayList<>();
        try (Monitor monitor = new Monitor(emulator.pid(), http, stderr)) {
            LedgerSubscriber subscriber = new LedgerSubscriber();
            workers.add(start("ledger-subscriber", subscriber::run));
            for (int p = 0; p < 2; p++) {
                int publisher = p;
                workers.add(start("ledger-publisher-" + p, () -> publish(publisher)));
            }
            workers.add(start("churn", this::churn));
            workers.add(start("storms", this::storms));
            workers.add(start("shadows", this::shadows));
            workers.add(start("resets", this::resets));
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                Monitor.sleep(1000);
            }
            running.set(false);
            for (Thread t : workers) {
                if (t != workers.get(0)) {
                    t.join(30_000);
                }
            }
            long drainUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ledger.missing() > 0 && System.nanoTime() < drainUntil) {
                Monitor.sleep(200);
            }
            subscriber.stop();
            workers.get(0).join(10_000);
            List<Monitor.Sample> samples = monitor.samples();
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
            emulator.destroy();
            emulator.waitFor();
            return report(duration, started, samples, monitor, stderr, loadBefore, loadAfter);
        } finally {
            emulator.destroyForcibly();
        }
    }

    private void readBanner(Process emulator) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher t = TCP.matcher(line);
            if (line.contains("MQTT over TCP") && t.find()) {
                tcp = "tcp://127.0.0.1:" + t.group(1);
            }
            Matcher h = HTTP.matcher(line);
            if (line.trim().startsWith("HTTP ") && h.find()) {
                http = URI.create(h.group(1));
            }
            if (line.trim().startsWith("ws://") && line.contains("X-Amz-Signature")) {
                break;
            }
        }
        if (tcp == null || http == null) {
            throw new IllegalStateException("the emulator printed no tcp:// and http:// endpoints");
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(clean);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(60);
        o.setMaxInflight(100);
        return o;
    }

    private synchronized void problem(String what) {
        if (problems.size() < 20) {
            problems.add(what);
        }
        System.out.println("soak: " + what);
    }

    // ---- the ledger --------------------------------------------------------------------------------------------

    /** About 200 QoS 1 messages a second per publisher, each numbered; a PUBACK enters it in the ledger. */
    private void publish(int publisher) {
        MqttAsyncClient client = null;
        try {
            client = new MqttAsyncClient(tcp, "ledger-publisher-" + publisher, new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    ledger.acknowledged((Integer) token.getUserContext());
                }
            });
            while (running.get()) {
                if (!client.isConnected()) {
                    try {
                        client.connect(options(true)).waitForCompletion(10_000);
                    } catch (MqttException e) {
                        Monitor.sleep(500);
                        continue;
                    }
                }
                if (ledgerPaused.get()) {
                    Monitor.sleep(50);
                    continue;
                }
                for (int i = 0; i < 20 && running.get() && !ledgerPaused.get(); i++) {
                    int seq = sequence.getAndIncrement();
                    byte[] payload = ByteBuffer.allocate(256).putInt(seq).array();
                    try {
                        client.publish("soak/ledger/" + publisher, payload, 1, false, seq, null);
                    } catch (MqttException e) {
                        break; // not sent, so not in the ledger: the connection went (a reset); reconnect above
                    }
                }
                Monitor.sleep(100);
            }
            Monitor.sleep(2000); // the last PUBACKs
            client.disconnect().waitForCompletion(5_000);
        } catch (MqttException e) {
            problem("ledger publisher " + publisher + ": " + e);
        } finally {
            close(client);
        }
    }

    /** A persistent subscriber that leaves every 20-40 s (cleanly or not) and is back 1-3 s later. */
    private final class LedgerSubscriber {
        private final AtomicBoolean stop = new AtomicBoolean();

        void stop() {
            stop.set(true);
        }

        void run() {
            MqttClient client = null;
            try {
                client = new MqttClient(tcp, "ledger-subscriber", new MemoryPersistence());
                client.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        ledger.received(ByteBuffer.wrap(message.getPayload()).getInt());
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                long leaveAt = System.nanoTime();
                while (!stop.get()) {
                    if (!client.isConnected()) {
                        try {
                            boolean present = client.connectWithResult(options(false)).getSessionPresent();
                            if (!present) {
                                client.subscribe("soak/ledger/#", 1);
                            }
                            subscriberReturns.incrementAndGet();
                            leaveAt = System.nanoTime() + ThreadLocalRandom.current().nextLong(20, 41) * 1_000_000_000L;
                        } catch (MqttException e) {
                            Monitor.sleep(500);
                            continue;
                        }
                    }
                    if (running.get() && System.nanoTime() > leaveAt && !ledgerPaused.get()) {
                        if (ThreadLocalRandom.current().nextBoolean()) {
                            client.disconnect();
                        } else {
                            client.disconnectForcibly(0, 100, false);
                        }
                        Monitor.sleep(ThreadLocalRandom.current().nextLong(1000, 3001));
                    }
                    Monitor.sleep(100);
                }
                client.disconnect();
            } catch (MqttException e) {
                problem("ledger subscriber: " + e);
            } finally {
                close(client);
            }
        }
    }

    // ---- the rest of the mix -----------------------------------------------------------------------------------

    private void churn() {
        long n = 0;
        while (running.get()) {
            MqttClient client = null;
            try {
                client = new MqttClient(tcp, "churn-" + (n++ % 500), new MemoryPersistence());
                client.connect(options(true));
                client.subscribe("soak/churn/#", 0);
                client.publish("soak/churn/x", new byte[64], 0, false);
                if (n % 2 == 0) {
                    client.disconnect();
                } else {
                    client.disconnectForcibly(0, 100, false);
                }
                churnCycles.incrementAndGet();
            } catch (MqttException e) {
                problem("churn: " + e);
                Monitor.sleep(500);
            } finally {
                close(client);
            }
            Monitor.sleep(40);
        }
    }

    private void storms() {
        while (running.get()) {
            Monitor.sleep(60_000);
            if (!running.get()) {
                return;
            }
            List<Thread> storm = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                storm.add(start("storm-" + i, () -> {
                    MqttClient client = null;
                    try {
                        client = new MqttClient(tcp, "storm", new MemoryPersistence());
                        client.connect(options(true));
                        stormConnects.incrementAndGet();
                        Monitor.sleep(200);
                        if (client.isConnected()) {
                            client.disconnect();
                        }
                    } catch (MqttException e) {
                        // taken over by another of the storm: what a storm does
                    } finally {
                        close(client);
                    }
                }));
            }
            for (Thread t : storm) {
                try {
                    t.join(30_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void shadows() {
        MqttClient client = null;
        long n = 0;
        while (running.get()) {
            try {
                if (client == null || !client.isConnected()) {
                    close(client);
                    client = new MqttClient(tcp, "shadow-writer", new MemoryPersistence());
                    client.connect(options(true));
                    client.subscribe("$aws/things/+/shadow/update/accepted", 1,
                            (topic, message) -> shadowAccepted.incrementAndGet());
                }
                client.publish("$aws/things/soak-thing-" + (n % 10) + "/shadow/update",
                        ("{\"state\":{\"reported\":{\"n\":" + n + "}}}").getBytes(StandardCharsets.UTF_8), 1, false);
                n++;
            } catch (MqttException e) {
                Monitor.sleep(500); // a reset closed it: reconnect
            }
            Monitor.sleep(30);
        }
        close(client);
    }

    private void resets() {
        HttpClient client = HttpClient.newHttpClient();
        while (running.get()) {
            for (int i = 0; i < 150 && running.get(); i++) {
                Monitor.sleep(1000);
            }
            if (!running.get()) {
                return;
            }
            ledgerPaused.set(true);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Monitor.sleep(1000);
            while (ledger.missing() > 0 && System.nanoTime() < until) {
                Monitor.sleep(100);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(http.resolve("/__emulator/reset"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    resets.incrementAndGet();
                } else {
                    problem("reset answered " + r.statusCode() + " " + r.body());
                }
            } catch (Exception e) {
                problem("reset: " + e);
            }
            ledgerPaused.set(false);
        }
    }

    private static void close(MqttClient client) {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnectForcibly(0, 100, false);
                }
                client.close();
            } catch (MqttException e) {
                // closing anyway
            }
        }
    }

    private static void close(MqttAsyncClient client) {
        if (client != null) {
            try {
                client.close(true);
            } catch (MqttException e) {
                // closing anyway
            }
        }
    }

    // ---- the report --------------------------------------------------------------------------------------------

    private String report(Duration duration, Instant started, List<Monitor.Sample> samples, Monitor monitor,
            Path stderr, String loadBefore, String loadAfter) throws Exception {
        List<String> lines = Files.readAllLines(stderr);
        Map<String, Integer> loud = new TreeMap<>();
        for (String line : lines) {
            if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                Matcher m = EVENT.matcher(line);
                loud.merge((line.contains(" ERROR ") ? "ERROR " : "WARN ") + (m.find() ? m.group(1) : line),
                        1, Integer::sum);
            }
        }
        long warmRss = samples.stream().filter(s -> s.secondsIn() >= 120).mapToLong(Monitor.Sample::rssKb).findFirst()
                .orElse(-1);
        long maxRssAfterWarmUp = samples.stream().filter(s -> s.secondsIn() >= 120)
                .mapToLong(Monitor.Sample::rssKb).max().orElse(-1);
        long lastRss = samples.isEmpty() ? -1 : samples.get(samples.size() - 1).rssKb();
        int minThreads = samples.stream().mapToInt(Monitor.Sample::sessionThreads).min().orElse(-1);
        int maxThreads = samples.stream().mapToInt(Monitor.Sample::sessionThreads).max().orElse(-1);
        StringBuilder b = new StringBuilder();
        b.append("# Soak ").append(started).append("\n\n");
        b.append("| Figure | Value |\n|---|---|\n");
        b.append("| duration | ").append(duration.toMinutes()).append(" min (then up to 60 s to drain) |\n");
        b.append("| load average before / after | ").append(loadBefore).append(" / ").append(loadAfter).append(" |\n");
        b.append("| QoS 1 messages acknowledged to publishers | ").append(ledger.acknowledgedCount()).append(" |\n");
        b.append("| of those received by the persistent subscriber | ").append(ledger.receivedCount()).append(" |\n");
        b.append("| **acknowledged and lost** | **").append(ledger.missing()).append("** |\n");
        b.append("| duplicates (QoS 1 redelivery, allowed) | ").append(ledger.duplicates()).append(" |\n");
        b.append("| persistent subscriber returns (leaves clean or abrupt) | ").append(subscriberReturns.get())
                .append(" |\n");
        b.append("| connect/disconnect cycles (half abrupt) | ").append(churnCycles.get()).append(" |\n");
        b.append("| client-id storm connects (30 at once, every 60 s) | ").append(stormConnects.get()).append(" |\n");
        b.append("| shadow updates accepted | ").append(shadowAccepted.get()).append(" |\n");
        b.append("| admin resets | ").append(resets.get()).append(" |\n");
        b.append("| health checks / not 200 | ").append(monitor.healthChecks.get()).append(" / ")
                .append(monitor.unhealthy.get()).append(" |\n");
        b.append("| broker session threads min / max | ").append(minThreads).append(" / ").append(maxThreads)
                .append(" |\n");
        b.append("| RSS at 2 min / max after 2 min / last | ").append(warmRss / 1024).append(" / ")
                .append(maxRssAfterWarmUp / 1024).append(" / ").append(lastRss / 1024).append(" MB |\n");
        b.append("| log | ").append(lines.size()).append(" lines, ").append(Files.size(stderr) / 1024)
                .append(" KB |\n");
        b.append("| lines at WARN or above | ").append(loud.values().stream().mapToInt(Integer::intValue).sum())
                .append(" |\n\n");
        b.append("Lines at WARN or above, by event:\n\n");
        loud.forEach((event, count) -> b.append("- ").append(event).append(": ").append(count).append('\n'));
        b.append("\nRSS and session threads every 10 s (seconds in: RSS MB, threads, log KB):\n\n");
        for (Monitor.Sample s : samples) {
            b.append(s.secondsIn()).append(": ").append(s.rssKb() / 1024).append(", ").append(s.sessionThreads())
                    .append(", ").append(s.logBytes() / 1024).append("; ");
        }
        b.append("\n\nProblems seen by the clients: ").append(problems.isEmpty() ? "none" : problems).append('\n');
        return b.toString();
    }
}
