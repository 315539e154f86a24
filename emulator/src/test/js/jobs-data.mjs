// A Jobs agent over HTTPS with the AWS SDK for JavaScript v3 (@aws-sdk/client-iot-jobs-data-plane): it finds its
// pending job, starts it, reports progress and succeeds.
// Usage: node jobs-data.mjs <host:port> <accessKeyId> <secretAccessKey> <thingName> <jobId>

import {
    IoTJobsDataPlaneClient, GetPendingJobExecutionsCommand, StartNextPendingJobExecutionCommand,
    UpdateJobExecutionCommand, DescribeJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane';
import { check, deadline, finish } from './checks.mjs';

const [endpoint, accessKeyId, secretAccessKey, thingName, jobId] = process.argv.slice(2);
const jobs = new IoTJobsDataPlaneClient({ endpoint: `http://${endpoint}`, region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey } });
deadline(30_000);

try {
    const pending = await jobs.send(new GetPendingJobExecutionsCommand({ thingName }));
    check('pending-job-queued', pending.queuedJobs.length === 1 && pending.queuedJobs[0].jobId === jobId
        && pending.inProgressJobs.length === 0, pending.queuedJobs);
    const { execution } = await jobs.send(new StartNextPendingJobExecutionCommand({ thingName,
        statusDetails: { step: 'downloading' }, stepTimeoutInMinutes: 10 }));
    check('started', execution.jobId === jobId && execution.status === 'IN_PROGRESS'
        && JSON.parse(execution.jobDocument).version === '2.0' && execution.versionNumber === 2, execution);
    const progress = await jobs.send(new UpdateJobExecutionCommand({ thingName, jobId, status: 'IN_PROGRESS',
        statusDetails: { progress: '50%' }, expectedVersion: 2, includeJobExecutionState: true }));
    const done = await jobs.send(new UpdateJobExecutionCommand({ thingName, jobId, status: 'SUCCEEDED',
        statusDetails: { progress: '100%' }, expectedVersion: 3, includeJobExecutionState: true }));
    check('progress-and-success', progress.executionState.versionNumber === 3
        && done.executionState.status === 'SUCCEEDED', done.executionState);
    const terminal = await jobs.send(new DescribeJobExecutionCommand({ thingName, jobId })).then(
        () => 'described', (e) => `${e.name} ${e.$metadata?.httpStatusCode}`);
    check('terminal-execution', terminal === 'TerminalStateException 410', terminal);
    finish();
} catch (e) {
    finish(`${e.name}: ${e.message}`);
}
