package dev.iotemulator.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the emulator process during the soak: its health route every second (the canary inside included), the
 * number of Moquette session threads (from /proc: a dead one was the failure the soak once found), RSS and log size
 * every 10 s.
 */
final class Monitor implements AutoCloseable {

    /** One sample every 10 s. */
    record Sample(long secondsIn, long rssKb, int sessionThreads, long logBytes) {
    }

    private final long pid;
    private final URI health;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Sample> samples = new ArrayList<>();
    final AtomicLong healthChecks = new AtomicLong();
    final AtomicLong unhealthy = new AtomicLong();
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile boolean stop;

    Monitor(long pid, URI httpBase, Path log) {
        this.pid = pid;
        this.health = httpBase.resolve("/__emulator/health");
        this.log = log;
        this.thread = new Thread(this::run, "soak-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long tick = 0;
        while (!stop) {
            healthChecks.incrementAndGet();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    unhealthy.incrementAndGet();
                    System.out.println("soak: health answered " + r.statusCode() + " " + r.body());
                }
            } catch (IOException | InterruptedException e) {
                unhealthy.incrementAndGet();
                System.out.println("soak: health check failed: " + e);
            }
            if (tick++ % 10 == 0) {
                synchronized (samples) {
                    samples.add(new Sample((System.nanoTime() - start) / 1_000_000_000L, rssKb(), sessionThreads(),
                            logBytes()));
                }
            }
            sleep(1000);
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Threads whose name starts with "Session Execu" (Linux keeps 15 characters of a thread's name). */
    int sessionThreads() {
        int n = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith("Session Execu")) {
                        n++;
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return n;
    }

    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    long logBytes() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return -1;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}
