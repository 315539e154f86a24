// Starts the real local AWS servers the rules engine's actions are tested against: dynalite (DynamoDB) and
// kinesalite (Kinesis), in memory, and s3rver (S3) with its files in a fresh temporary directory, each on a free
// loopback port. Prints one JSON line with the ports, e.g. {"dynamodb":41234,"kinesis":41235,"s3":41236}, then runs
// until its standard input closes (the Java test holds it open).
// Usage: node local-aws-servers.mjs

import dynalite from 'dynalite';
import kinesalite from 'kinesalite';
import S3rver from 's3rver';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function listen(server) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server.address().port));
    });
}

const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
const kinesis = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0 });
const s3Files = mkdtempSync(join(tmpdir(), 'iot-rules-s3-'));
const s3 = await new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Files,
    configureBuckets: [{ name: 'telemetry' }] }).run();
const ports = { dynamodb: await listen(dynamo), kinesis: await listen(kinesis), s3: s3.port };
console.log(JSON.stringify(ports));

function exit() {
    rmSync(s3Files, { recursive: true, force: true });
    process.exit(0);
}
process.stdin.resume();
process.stdin.on('end', exit);
process.stdin.on('close', exit);
process.on('SIGTERM', exit);
