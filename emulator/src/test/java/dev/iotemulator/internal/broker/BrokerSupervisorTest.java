package dev.iotemulator.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BrokerSupervisorTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final List<byte[]> sent = new ArrayList<>();
    final BrokerSupervisor supervisor = new BrokerSupervisor(List.of(Thread.currentThread()), sent::add, now::get);

    @Test
    void a_canary_that_comes_back_keeps_the_broker_healthy() {
        for (int i = 0; i < 5; i++) {
            supervisor.check();
            supervisor.delivered(BrokerSupervisor.CANARY_TOPIC, sent.get(sent.size() - 1), 1, null);
            now.addAndGet(1_000);
        }
        assertTrue(supervisor.health().healthy());
        assertEquals(5, sent.size());
    }

    @Test
    void a_canary_that_does_not_come_back_in_time_makes_it_unhealthy_until_one_does() {
        supervisor.check();
        now.addAndGet(BrokerSupervisor.CANARY_TIMEOUT_MILLIS - 1);
        supervisor.check();
        assertTrue(supervisor.health().healthy(), "still within the time-out");
        now.addAndGet(2);
        supervisor.check();
        assertFalse(supervisor.health().healthy());
        assertTrue(supervisor.health().reason().contains("canary"), supervisor.health().reason());

        supervisor.delivered(BrokerSupervisor.CANARY_TOPIC, sent.get(sent.size() - 1), 1, null);
        supervisor.check();
        assertTrue(supervisor.health().healthy());
    }

    @Test
    void a_dead_session_thread_makes_it_unhealthy() throws Exception {
        Thread dead = new Thread(() -> { }, "Session Executor 7");
        dead.start();
        dead.join();
        BrokerSupervisor watching = new BrokerSupervisor(List.of(dead), sent::add, now::get);
        watching.check();
        assertFalse(watching.health().healthy());
        assertTrue(watching.health().reason().contains("Session Executor 7"), watching.health().reason());
    }
}
