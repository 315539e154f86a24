// The function behind the lambda action and aws_lambda() tests (an ES module, as the package is). It records each
// event it gets (one JSON line in the file named by RULES_LAMBDA_OUT) so the test can see that an asynchronous
// invocation happened, and answers an enrichment that aws_lambda() returns to the rule's SELECT.
import { appendFileSync } from 'node:fs';

export const enrich = async (event) => {
    if (process.env.RULES_LAMBDA_OUT) {
        appendFileSync(process.env.RULES_LAMBDA_OUT, JSON.stringify(event) + '\n');
    }
    return { doubled: typeof event.temp === 'number' ? event.temp * 2 : null, source: 'serverless-offline' };
};
