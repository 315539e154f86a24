package dev.iotemulator.internal.rules.actions;

import dev.iotemulator.internal.rules.sql.Template;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;

/** {@code kinesis}: puts the SELECT output as one record; the partition key (a template) defaults to a new UUID. */
final class KinesisAction implements RuleAction {

    private final Template stream;
    private final Template partitionKey;
    private final AwsClients aws;

    KinesisAction(Fields fields, AwsClients aws) {
        this.stream = fields.template("streamName");
        this.partitionKey = fields.template("partitionKey");
        this.aws = aws;
    }

    @Override
    public String type() {
        return "kinesis";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(stream);
    }

    @Override
    public String run(ActionInput input) {
        String key = partitionKey == null ? UUID.randomUUID().toString() : input.render(partitionKey);
        var r = aws.kinesis().putRecord(b -> b.streamName(target(input)).partitionKey(key.isEmpty()
                ? UUID.randomUUID().toString() : key).data(SdkBytes.fromByteArray(input.payload())));
        return "ShardId " + r.shardId() + ", SequenceNumber " + r.sequenceNumber();
    }
}
