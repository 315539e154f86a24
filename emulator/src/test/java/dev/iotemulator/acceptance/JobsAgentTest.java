package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.iot.iotjobs.IotJobsClient;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionData;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.RejectedError;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionSubscriptionRequest;

/**
 * A Jobs agent as devices run one: the AWS IoT Device SDK for Java v2 {@code IotJobsClient} over MQTT with TLS gets a
 * job the AWS CLI v2 created through {@code notify-next}, starts it, reports progress and succeeds; the CLI then shows
 * the execution SUCCEEDED. A second thing does the same over HTTPS with {@code @aws-sdk/client-iot-jobs-data-plane}
 * ({@code src/test/js/jobs-data.mjs}), after which the job is COMPLETED.
 */
class JobsAgentTest {

    private static final long WAIT = 15;

    @TempDir
    Path home;

    @Test
    void a_job_created_with_the_cli_is_run_by_an_mqtt_agent_and_an_http_agent_until_it_completes() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
            DeviceCertificate device = iot.createDeviceCertificate("agent-1", "AllowEverything");
            iot.createDeviceCertificate("agent-2", "AllowEverything");
            Path ca = iot.endpoints().caCertificateFile().orElseThrow();
            DeviceCertificate.Files files = device.writeTo(home.resolve("agent-1"));
            try (DeviceSdkClients.Connection agent = DeviceSdkClients.mtls("localhost", iot.endpoints().mqttsPort(),
                    ca, files.certificate(), files.privateKey(), "agent-1")) {
                IotJobsClient jobs = new IotJobsClient(agent.mqtt());
                BlockingQueue<NextJobExecutionChangedEvent> next = new LinkedBlockingQueue<>();
                BlockingQueue<StartNextJobExecutionResponse> started = new LinkedBlockingQueue<>();
                BlockingQueue<UpdateJobExecutionResponse> updated = new LinkedBlockingQueue<>();
                BlockingQueue<RejectedError> rejected = new LinkedBlockingQueue<>();
                NextJobExecutionChangedSubscriptionRequest nextRequest = new NextJobExecutionChangedSubscriptionRequest();
                nextRequest.thingName = "agent-1";
                jobs.SubscribeToNextJobExecutionChangedEvents(nextRequest, QualityOfService.AT_LEAST_ONCE, next::add)
                        .get(WAIT, TimeUnit.SECONDS);
                StartNextPendingJobExecutionSubscriptionRequest startRequest =
                        new StartNextPendingJobExecutionSubscriptionRequest();
                startRequest.thingName = "agent-1";
                jobs.SubscribeToStartNextPendingJobExecutionAccepted(startRequest, QualityOfService.AT_LEAST_ONCE,
                        started::add).get(WAIT, TimeUnit.SECONDS);
                jobs.SubscribeToStartNextPendingJobExecutionRejected(startRequest, QualityOfService.AT_LEAST_ONCE,
                        rejected::add).get(WAIT, TimeUnit.SECONDS);
                UpdateJobExecutionSubscriptionRequest updateRequest = new UpdateJobExecutionSubscriptionRequest();
                updateRequest.thingName = "agent-1";
                updateRequest.jobId = "+";
                jobs.SubscribeToUpdateJobExecutionAccepted(updateRequest, QualityOfService.AT_LEAST_ONCE,
                        updated::add).get(WAIT, TimeUnit.SECONDS);
                jobs.SubscribeToUpdateJobExecutionRejected(updateRequest, QualityOfService.AT_LEAST_ONCE,
                        rejected::add).get(WAIT, TimeUnit.SECONDS);

                String thingArn = "arn:aws:iot:us-east-1:000000000000:thing/";
                AwsCli.iot(iot.endpoints(), home, "create-job", "--job-id", "firmware-2", "--targets",
                        thingArn + "agent-1", thingArn + "agent-2", "--document",
                        "{\"operation\":\"install\",\"version\":\"2.0\"}", "--description", "Firmware 2.0");

                NextJobExecutionChangedEvent event = next.poll(WAIT, TimeUnit.SECONDS);
                assertNotNull(event, "no notify-next for the new job");
                assertEquals("firmware-2", event.execution.jobId);
                assertEquals(JobStatus.QUEUED, event.execution.status);
                assertEquals("2.0", event.execution.jobDocument.get("version"));

                StartNextPendingJobExecutionRequest start = new StartNextPendingJobExecutionRequest();
                start.thingName = "agent-1";
                start.clientToken = "start-1";
                start.statusDetails = new HashMap<>(Map.of("step", "downloading"));
                jobs.PublishStartNextPendingJobExecution(start, QualityOfService.AT_LEAST_ONCE)
                        .get(WAIT, TimeUnit.SECONDS);
                StartNextJobExecutionResponse response = started.poll(WAIT, TimeUnit.SECONDS);
                assertNotNull(response, "no start-next/accepted; rejected: " + rejected);
                JobExecutionData execution = response.execution;
                assertEquals(JobStatus.IN_PROGRESS, execution.status);
                assertEquals("start-1", response.clientToken);
                assertEquals("install", execution.jobDocument.get("operation"));

                update(jobs, execution, JobStatus.IN_PROGRESS, Map.of("progress", "50%"), 2);
                UpdateJobExecutionResponse progress = updated.poll(WAIT, TimeUnit.SECONDS);
                assertNotNull(progress, "no update/accepted; rejected: " + rejected);
                assertEquals(3, progress.executionState.versionNumber);
                update(jobs, execution, JobStatus.SUCCEEDED, Map.of("progress", "100%"), 3);
                assertNotNull(updated.poll(WAIT, TimeUnit.SECONDS), "no update/accepted; rejected: " + rejected);

                update(jobs, execution, JobStatus.IN_PROGRESS, Map.of(), 4);
                RejectedError again = rejected.poll(WAIT, TimeUnit.SECONDS);
                assertNotNull(again, "a succeeded execution cannot go back to IN_PROGRESS");
                assertEquals("InvalidStateTransition", again.code.toString());
            }
            assertEquals("SUCCEEDED", AwsCli.iot(iot.endpoints(), home, "describe-job-execution", "--job-id",
                    "firmware-2", "--thing-name", "agent-1", "--query", "execution.status").trim());

            NodeChecks.assertPasses("jobs-data.mjs", 4, iot.endpoints(),
                    iot.endpoints().defaultCredentials().accessKeyId(),
                    iot.endpoints().defaultCredentials().secretAccessKey(), "agent-2", "firmware-2");
            assertEquals("SUCCEEDED", AwsCli.iot(iot.endpoints(), home, "describe-job-execution", "--job-id",
                    "firmware-2", "--thing-name", "agent-2", "--query", "execution.status").trim());
            assertEquals("COMPLETED", AwsCli.iot(iot.endpoints(), home, "describe-job", "--job-id", "firmware-2",
                    "--query", "job.status").trim());
            assertTrue(AwsCli.iot(iot.endpoints(), home, "list-job-executions-for-job", "--job-id", "firmware-2")
                    .contains("agent-2"));
        }
    }

    private static void update(IotJobsClient jobs, JobExecutionData execution, JobStatus status,
            Map<String, String> details, int expectedVersion) throws Exception {
        UpdateJobExecutionRequest update = new UpdateJobExecutionRequest();
        update.thingName = execution.thingName;
        update.jobId = execution.jobId;
        update.status = status;
        update.statusDetails = new HashMap<>(details);
        update.expectedVersion = expectedVersion;
        update.includeJobExecutionState = true;
        jobs.PublishUpdateJobExecution(update, QualityOfService.AT_LEAST_ONCE).get(WAIT, TimeUnit.SECONDS);
    }
}
