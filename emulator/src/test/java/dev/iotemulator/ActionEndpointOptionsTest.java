package dev.iotemulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where rule actions reach AWS services: a bad setting stops the start with what to write instead. */
class ActionEndpointOptionsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "dynamo | http://127.0.0.1:4567 | Unknown service 'dynamo' in --action-endpoint: use one of",
        "s3 | ftp://127.0.0.1:21 | The endpoint for s3 must be an http:// or https:// URL with a host",
        "s3 | http://S3RVER@127.0.0.1:4569 | The endpoint for s3 names a credential as KEY:SECRET before the host",
    })
    void refuses_a_setting_that_cannot_work_and_says_what_to_write(String service, String url, String message) {
        String got = assertThrows(ConfigurationException.class, () -> EmulatorOptions.builder()
                .actionEndpoint(service, URI.create(url)).build()).getMessage();
        assertTrue(got.startsWith(message), got);
    }

    @org.junit.jupiter.api.Test
    void an_error_message_does_not_repeat_the_credential_of_the_url() {
        String got = assertThrows(ConfigurationException.class, () -> EmulatorOptions.builder()
                .actionEndpoint("s3", URI.create("ftp://KEY:SECRET@127.0.0.1:21")).build()).getMessage();
        assertTrue(got.endsWith("not 'ftp://127.0.0.1:21'."), got);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://127.0.0.1:4567", "http://S3RVER:S3RVER@127.0.0.1:4569", "https://localhost:4566/"})
    void takes_an_http_url_with_or_without_a_credential(String url) {
        assertEquals(URI.create(url), EmulatorOptions.builder().actionEndpoint("s3", URI.create(url)).build()
                .actionEndpoints().get("s3"));
    }
}
