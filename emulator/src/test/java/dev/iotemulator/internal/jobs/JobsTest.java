package dev.iotemulator.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiException;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.registry.Documents;
import dev.iotemulator.internal.registry.Registry;
import dev.iotemulator.internal.store.DocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jobs engine without a network: states, versions, timers, cancel and delete, continuous jobs, events. */
class JobsTest {

    static final String ARN = "arn:aws:iot:us-east-1:000000000000:";

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovingClock clock = new MovingClock();
    final Registry registry = new Registry(new Arns("us-east-1", "000000000000"), clock);
    final List<String> sent = new ArrayList<>();
    final List<ObjectNode> payloads = new ArrayList<>();
    final DocumentStore store = DocumentStore.inMemory();
    final EventConfigurations events = new EventConfigurations(clock, new Documents(store));
    final Jobs jobs = new Jobs(registry, clock, (topic, payload) -> {
        sent.add(topic);
        payloads.add(payload);
    }, events, new Documents(store));

    @BeforeEach
    void things() {
        registry.things().create("t1", null, Map.of());
        registry.things().create("t2", null, Map.of());
        registry.thingGroups().create("fleet", null, null, Map.of());
    }

    Job job(String id, Job.TargetSelection selection, Long inProgressTimeout, String... targets) {
        return jobs.create(new Job(id, List.of(targets), "{\"op\":\"" + id + "\"}", null, null, selection,
                Job.Status.IN_PROGRESS, false, null, null, inProgressTimeout, clock.now, clock.now, null));
    }

    @Test
    void a_new_job_notifies_its_things_and_a_snapshot_job_completes_when_every_execution_is_done() {
        events.set("JOB", true);
        events.set("JOB_EXECUTION", true);
        job("j1", Job.TargetSelection.SNAPSHOT, null, ARN + "thing/t1", ARN + "thing/t2");
        assertTrue(sent.containsAll(List.of("$aws/things/t1/jobs/notify", "$aws/things/t1/jobs/notify-next",
                "$aws/things/t2/jobs/notify-next")), sent.toString());
        JobExecution started = jobs.startNext("t1", Map.of("step", "1"), null).orElseThrow();
        assertEquals(JobExecution.Status.IN_PROGRESS, started.status());
        assertEquals(2, started.versionNumber());
        jobs.update("t1", "j1", JobExecution.Status.SUCCEEDED, null, 2L, null, null);
        assertEquals(Job.Status.IN_PROGRESS, jobs.require("j1").status());
        jobs.update("t2", "j1", JobExecution.Status.REJECTED, Map.of("why", "busy"), null, null, null);
        assertEquals(Job.Status.COMPLETED, jobs.require("j1").status());
        assertTrue(sent.contains("$aws/events/jobExecution/j1/succeeded"), sent.toString());
        assertTrue(sent.contains("$aws/events/jobExecution/j1/rejected"), sent.toString());
        assertTrue(sent.contains("$aws/events/job/j1/completed"), sent.toString());
    }

    @Test
    void a_stale_expected_version_and_a_terminal_execution_are_rejected_with_the_execution_state() {
        job("j1", Job.TargetSelection.SNAPSHOT, null, ARN + "thing/t1");
        JobException mismatch = assertThrows(JobException.class, () -> jobs.update("t1", "j1",
                JobExecution.Status.IN_PROGRESS, null, 7L, null, null));
        assertEquals(JobException.Code.VersionMismatch, mismatch.code());
        assertEquals(1, mismatch.execution().versionNumber());
        jobs.update("t1", "j1", JobExecution.Status.FAILED, null, null, null, null);
        assertEquals(JobException.Code.InvalidStateTransition, assertThrows(JobException.class, () -> jobs.update(
                "t1", "j1", JobExecution.Status.IN_PROGRESS, null, null, null, null)).code());
        assertEquals(JobException.Code.TerminalStateReached, assertThrows(JobException.class,
                () -> jobs.describe("t1", "j1", null)).code());
        assertEquals(JobException.Code.InvalidRequest, assertThrows(JobException.class, () -> jobs.update("t1",
                "j1", JobExecution.Status.CANCELED, null, null, null, null)).code());
    }

    @Test
    void step_and_in_progress_timers_end_in_timed_out() {
        job("step", Job.TargetSelection.SNAPSHOT, null, ARN + "thing/t1");
        job("whole", Job.TargetSelection.SNAPSHOT, 5L, ARN + "thing/t2");
        jobs.startNext("t1", null, 2L);
        jobs.startNext("t2", null, null);
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        jobs.expireTimers();
        assertEquals(JobExecution.Status.TIMED_OUT, jobs.execution("t1", "step", null).status());
        assertEquals(JobExecution.Status.IN_PROGRESS, jobs.execution("t2", "whole", null).status());
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        jobs.expireTimers();
        assertEquals(JobExecution.Status.TIMED_OUT, jobs.execution("t2", "whole", null).status());
    }

    @Test
    void cancel_takes_queued_executions_and_in_progress_ones_only_with_force() {
        job("j1", Job.TargetSelection.SNAPSHOT, null, ARN + "thing/t1", ARN + "thing/t2");
        jobs.startNext("t1", null, null);
        jobs.cancel("j1", false, "NOT_NEEDED", "no longer");
        assertEquals(JobExecution.Status.IN_PROGRESS, jobs.execution("t1", "j1", null).status());
        assertEquals(JobExecution.Status.CANCELED, jobs.execution("t2", "j1", null).status());
        jobs.cancel("j1", true, null, null);
        assertEquals(JobExecution.Status.CANCELED, jobs.execution("t1", "j1", null).status());
        assertTrue(jobs.execution("t1", "j1", null).forceCanceled());
        jobs.delete("j1", false);
        assertThrows(ApiException.class, () -> jobs.require("j1"));
        assertTrue(jobs.executionsOn("t1").isEmpty());
    }

    @Test
    void deleting_a_job_in_progress_needs_force() {
        job("j1", Job.TargetSelection.SNAPSHOT, null, ARN + "thing/t1");
        assertEquals("InvalidStateTransitionException", assertThrows(ApiException.class,
                () -> jobs.delete("j1", false)).error().code());
        jobs.delete("j1", true);
        assertTrue(jobs.pending("t1").isEmpty());
    }

    @Test
    void a_continuous_job_follows_its_group_and_a_snapshot_job_does_not() {
        registry.thingGroups().addThing("fleet", "t1");
        job("cont", Job.TargetSelection.CONTINUOUS, null, ARN + "thinggroup/fleet");
        job("snap", Job.TargetSelection.SNAPSHOT, null, ARN + "thinggroup/fleet");
        registry.thingGroups().addThing("fleet", "t2");
        jobs.thingAddedToGroup("t2");
        assertEquals(List.of("cont"), jobs.pending("t2").stream().map(JobExecution::jobId).toList());
        registry.thingGroups().removeThing("fleet", "t2");
        jobs.thingRemovedFromGroup("t2");
        assertEquals(JobExecution.Status.REMOVED, jobs.execution("t2", "cont", null).status());
        assertEquals(Job.Status.IN_PROGRESS, jobs.require("cont").status(), "a continuous job never completes");
    }

    @Test
    void jobs_and_executions_come_back_from_the_store() {
        job("kept", Job.TargetSelection.SNAPSHOT, null, ARN + "thing/t1", ARN + "thing/t2");
        jobs.startNext("t1", Map.of("step", "1"), null);
        Jobs again = new Jobs(registry, clock, (topic, payload) -> { }, events, new Documents(store));
        assertEquals(JobExecution.Status.IN_PROGRESS, again.execution("t1", "kept", null).status());
        assertEquals(Map.of("step", "1"), again.execution("t1", "kept", null).statusDetails());
        assertEquals(List.of("kept"), again.pending("t2").stream().map(JobExecution::jobId).toList());
        assertEquals("{\"op\":\"kept\"}", again.document("kept"));
    }

    @Test
    void in_progress_executions_come_before_queued_ones() {
        job("a", Job.TargetSelection.SNAPSHOT, null, ARN + "thing/t1");
        job("b", Job.TargetSelection.SNAPSHOT, null, ARN + "thing/t1");
        jobs.update("t1", "b", JobExecution.Status.IN_PROGRESS, null, null, null, null);
        assertEquals(List.of("b", "a"), jobs.pending("t1").stream().map(JobExecution::jobId).toList());
        assertEquals("b", jobs.next("t1").orElseThrow().jobId());
    }
}
