package dev.iotemulator.internal.rules.actions;

import dev.iotemulator.internal.rules.sql.Template;
import software.amazon.awssdk.core.sync.RequestBody;

/** {@code s3}: writes the SELECT output as the object {@code key} (a template) of {@code bucketName}. */
final class S3Action implements RuleAction {

    private final Template bucket;
    private final Template key;
    private final String cannedAcl;
    private final AwsClients aws;

    S3Action(Fields fields, AwsClients aws) {
        this.bucket = fields.template("bucketName");
        this.key = fields.template("key");
        this.cannedAcl = fields.text("cannedAcl", null);
        this.aws = aws;
    }

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(bucket) + "/" + input.render(key);
    }

    @Override
    public String run(ActionInput input) {
        var r = aws.s3().putObject(b -> {
            b.bucket(input.render(bucket)).key(input.render(key));
            if (cannedAcl != null) {
                b.acl(cannedAcl);
            }
        }, RequestBody.fromBytes(input.payload()));
        return "ETag " + r.eTag();
    }
}
