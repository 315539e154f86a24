// Starts the real local AWS servers the rules engine's actions are tested against: dynalite (DynamoDB) and
// kinesalite (Kinesis), each on a free loopback port, in memory. Prints one JSON line with the ports, e.g.
// {"dynamodb":41234,"kinesis":41235}, then runs until its standard input closes (the Java test holds it open).
// Usage: node local-aws-servers.mjs

import dynalite from 'dynalite';
import kinesalite from 'kinesalite';

function listen(server) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server.address().port));
    });
}

const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
const kinesis = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0 });
const ports = { dynamodb: await listen(dynamo), kinesis: await listen(kinesis) };
console.log(JSON.stringify(ports));

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
