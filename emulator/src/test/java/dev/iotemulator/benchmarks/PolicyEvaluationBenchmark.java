package dev.iotemulator.benchmarks;

import dev.iotemulator.internal.policy.Decision;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.policy.PolicyEvaluator;
import dev.iotemulator.internal.policy.PolicyParser;
import dev.iotemulator.internal.policy.PolicyRequest;
import dev.iotemulator.internal.policy.RequestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How long one IoT policy decision takes, for the policies the default configuration ships (the scoped device
 * policy with variables, wildcards and an explicit Deny, plus the Cognito role): the gateway makes one on every
 * delivery. A benchmark, not a test: {@code scripts/measure-policy-evaluation.sh}.
 */
public final class PolicyEvaluationBenchmark {

    private PolicyEvaluationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path policies = Path.of(args.length > 0 ? args[0] : "config/policies");
        List<PolicyDocument> attached = List.of(
                parse(policies, "ScopedDevicePolicy"), parse(policies, "CognitoUnauthenticatedRole"));
        String arn = "arn:aws:iot:us-east-1:000000000000:";
        RequestContext context = RequestContext.builder().clientId("device-7").sourceIp("127.0.0.1")
                .cognitoIdentityId("us-east-1:1c0a3b5e-0000-4000-8000-000000000007").build();
        List<PolicyRequest> mix = List.of(
                new PolicyRequest("iot:Receive", arn + "topic/clients/device-7/inbox", context),
                new PolicyRequest("iot:Receive", arn + "topic/room/lobby", context),
                new PolicyRequest("iot:Receive", arn + "topic/room/admin", context),
                new PolicyRequest("iot:Publish", arn + "topic/clients/device-8/inbox", context),
                new PolicyRequest("iot:Subscribe", arn + "topicfilter/clients/device-7/#", context),
                new PolicyRequest("iot:Connect", arn + "client/device-7", context));
        int sink = 0;
        for (int round = 0; round < 5; round++) {
            int n = 2_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Decision d = PolicyEvaluator.evaluate(mix.get(i % mix.size()), attached);
                sink += d.allowed() ? 1 : 0;
            }
            long elapsed = System.nanoTime() - start;
            System.out.printf("round %d: %,d decisions in %d ms = %.0f ns per decision (%,.0f per second)%n", round, n,
                    elapsed / 1_000_000, (double) elapsed / n, n * 1e9 / elapsed);
        }
        System.out.println("allowed decisions (keeps the JIT honest): " + sink);
    }

    private static PolicyDocument parse(Path dir, String name) throws IOException {
        return PolicyParser.parse(name, Files.readString(dir.resolve(name + ".json")));
    }
}
