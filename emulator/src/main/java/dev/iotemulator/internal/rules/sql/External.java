package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the SQL's external functions reach: {@code aws_lambda()} and {@code get_thing_shadow()}. The rules engine
 * supplies them; a failure is an exception whose message the explanation records.
 */
public interface External {

    /** No external service: every external function fails, as in an error action's templates. */
    External NONE = new External() {
        @Override
        public JsonNode awsLambda(String functionArn, JsonNode input) {
            throw new IllegalStateException("aws_lambda() cannot be used here (AWS allows no external function in "
                    + "error actions)");
        }

        @Override
        public JsonNode thingShadow(String thingName, String shadowName) {
            throw new IllegalStateException("get_thing_shadow() cannot be used here (AWS allows no external function "
                    + "in error actions)");
        }
    };

    /** Invokes a Lambda function synchronously and answers its JSON result. */
    JsonNode awsLambda(String functionArn, JsonNode input);

    /** The shadow document of a thing (classic shadow when {@code shadowName} is null), or null when there is none. */
    JsonNode thingShadow(String thingName, String shadowName);
}
