package dev.iotemulator.internal.rules.actions;

import dev.iotemulator.internal.rules.sql.Template;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;

/** {@code firehose}: puts the SELECT output, followed by the {@code separator} when one is set, as one record. */
final class FirehoseAction implements RuleAction {

    private final Template stream;
    private final String separator;
    private final AwsClients aws;

    FirehoseAction(Fields fields, AwsClients aws) {
        this.stream = fields.template("deliveryStreamName");
        this.separator = fields.text("separator", "");
        this.aws = aws;
    }

    @Override
    public String type() {
        return "firehose";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(stream);
    }

    @Override
    public String run(ActionInput input) {
        byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[input.payload().length + sep.length];
        System.arraycopy(input.payload(), 0, data, 0, input.payload().length);
        System.arraycopy(sep, 0, data, input.payload().length, sep.length);
        var r = aws.firehose().putRecord(b -> b.deliveryStreamName(target(input))
                .record(x -> x.data(SdkBytes.fromByteArray(data))));
        return "RecordId " + r.recordId();
    }
}
