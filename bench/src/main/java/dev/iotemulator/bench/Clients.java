package dev.iotemulator.bench;

import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/** Opens many connections with a bounded number in flight, and closes them again. */
final class Clients {

    /** What a bulk connect produced: the clients that made it, how many did not, and the first reason why. */
    record Opened(List<BenchClient> clients, int failed, String firstFailure, long elapsedNanos) {
        double perSecond() {
            return clients.size() / (elapsedNanos / 1e9);
        }
    }

    private Clients() {
    }

    static Opened open(EventLoopGroup group, Endpoint endpoint, int count, int concurrency, long deadlineNanos,
            IntFunction<String> clientId, IntFunction<BenchClient.Receiver> receiver) throws InterruptedException {
        List<BenchClient> clients = Collections.synchronizedList(new ArrayList<>(count));
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<CompletableFuture<BenchClient>> pending = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                failed.addAndGet(count - i);
                firstFailure.compareAndSet(null, "scenario time-out while connecting");
                break;
            }
            pending.add(BenchClient.connect(group, endpoint, clientId.apply(i), receiver.apply(i))
                    .whenComplete((c, e) -> {
                        permits.release();
                        if (e == null) {
                            clients.add(c);
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, String.valueOf(e));
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        long elapsed = System.nanoTime() - start;
        return new Opened(new ArrayList<>(clients), failed.get(), firstFailure.get(), elapsed);
    }

    /** Closes every client and waits (bounded) until the sockets are gone, so the next scenario starts clean. */
    static void closeAll(List<BenchClient> clients) {
        List<CompletableFuture<Void>> closed = new ArrayList<>(clients.size());
        for (BenchClient c : clients) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            c.channel().close().addListener(x -> f.complete(null));
            closed.add(f);
        }
        try {
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Stragglers are closed by the broker's stop at the end; the next scenario still starts.
        }
    }
}
