package dev.iotemulator.internal.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.dataplane.SignedCalls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The control plane's front without a network: dispatch by method, path and signing service, and its errors. */
class ControlPlaneTest {

    final ControlPlane plane = new ControlPlane(SignedCalls.verifier(), List.of(new EndpointApi(),
            ops -> ops.add(Service.IOT, "ListJobExecutionsForThing", "GET", "/things/{thingName}/jobs",
                    r -> Json.object().put("by", "iot " + r.label("thingName")))
                    .add(Service.JOBS_DATA, "GetPendingJobExecutions", "GET", "/things/{thingName}/jobs",
                            r -> Json.object().put("by", "jobs " + r.label("thingName")))
                    .add(Service.IOT, "DescribeThing", "GET", "/things/{thingName}", r -> {
                        throw ApiError.RESOURCE_NOT_FOUND.with("Thing " + r.label("thingName") + " cannot be found.");
                    })));

    HttpAnswer call(String method, String path, String query, String service) {
        return plane.handle(SignedCalls.call(method, path, query, "", service)).orElseThrow();
    }

    @Test
    void two_services_on_one_path_are_told_apart_by_the_signing_service() {
        assertEquals("iot t%3A1".replace("%3A", ":"), call("GET", "/things/t%3A1/jobs", "", "iot").body()
                .get("by").asText());
        assertEquals("iot t", call("GET", "/things/t/jobs", "", "execute-api").body().get("by").asText());
        assertEquals("jobs t", call("GET", "/things/t/jobs", "", "iot-jobs-data").body().get("by").asText());
    }

    @Test
    void an_api_error_has_aws_status_code_and_message() {
        HttpAnswer answer = call("GET", "/things/missing", "", "iot");
        assertEquals(404, answer.status());
        assertEquals("ResourceNotFoundException", answer.errorType());
        assertEquals("Thing missing cannot be found.", answer.body().get("message").asText());
    }

    @Test
    void a_wrong_signing_service_is_refused_with_the_reason() {
        HttpAnswer answer = call("GET", "/endpoint", "", "iotdata");
        assertEquals(403, answer.status());
        assertEquals("WRONG_SERVICE", answer.body().get("reason").asText());
    }

    @Test
    void describe_endpoint_answers_a_host_name_without_port_and_refuses_unknown_types() {
        assertEquals("h", call("GET", "/endpoint", "endpointType=iot%3AData-ATS", "iot").body()
                .get("endpointAddress").asText());
        assertEquals(400, call("GET", "/endpoint", "endpointType=iot%3ANope", "iot").status());
        assertEquals("localhost", EndpointApi.hostName("127.0.0.1:8080"));
        assertEquals("localhost", EndpointApi.hostName("[::1]:8443"));
        assertEquals("iot.example.test", EndpointApi.hostName("IOT.example.test:8443"));
    }

    @Test
    void an_unemulated_operation_is_named_and_an_unknown_path_is_not() {
        HttpAnswer known = plane.notEmulated(SignedCalls.call("GET", "/audit/tasks", "", "", "iot")).orElseThrow();
        assertEquals(501, known.status());
        assertTrue(known.body().get("message").asText().contains("ListAuditTasks"), known.body().toString());
        HttpAnswer unknown = plane.notEmulated(SignedCalls.call("GET", "/nope/nope", "", "", "iot")).orElseThrow();
        assertEquals(404, unknown.status());
        assertTrue(plane.notEmulated(SignedCalls.call("GET", "/audit/tasks", "", "", "iotdata")).isEmpty(),
                "a request not signed for the control plane is the route table's to answer");
    }
}
