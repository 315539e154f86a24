package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration with a broken or missing policy fails start-up with a message that says where and what. */
class PolicyConfigurationTest {

    static final String KEY = "AKIDCONFIG0000000001";

    @Test
    void a_malformed_policy_file_fails_start_up_naming_the_file_the_json_path_and_the_expectation(@TempDir Path dir)
            throws Exception {
        PolicyFixtures.writeCredentials(dir, KEY + "=Device");
        PolicyFixtures.writePolicy(dir, "Device", """
                {"Version": "2012-10-17",
                 "Statement": [{"Effect": "allow", "Action": "iot:Connect", "Resource": "*"}]}
                """);

        String message = startFailure(dir);

        assertTrue(message.contains("Device.json"), message);
        assertTrue(message.contains("$.Statement[0].Effect"), message);
        assertTrue(message.contains("\"Allow\" or \"Deny\""), message);
    }

    @Test
    void a_broken_policy_file_fails_start_up_even_when_no_credential_attaches_it(@TempDir Path dir) throws Exception {
        PolicyFixtures.writeCredentials(dir, KEY);
        PolicyFixtures.writePolicy(dir, "Unused", "{\"Version\": \"2012-10-17\", \"Statement\": [");

        String message = startFailure(dir);

        assertTrue(message.contains("Unused.json") && message.contains("valid JSON"), message);
    }

    @Test
    void an_attached_policy_without_a_file_fails_start_up_naming_the_credential_and_the_file(@TempDir Path dir)
            throws Exception {
        PolicyFixtures.writeCredentials(dir, KEY + "=Missing");

        String message = startFailure(dir);

        assertTrue(message.contains(KEY), message);
        assertTrue(message.contains("$.credentials[0].policies[0]"), message);
        assertTrue(message.contains("policies/Missing.json"), message);
    }

    @Test
    void policies_must_be_a_list_of_policy_names(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("credentials.json"), "{\"credentials\":[{\"accessKeyId\":\""
                + KEY + "\",\"secretAccessKey\":\"s\",\"policies\":\"Device\"}]}");

        String message = startFailure(dir);

        assertTrue(message.contains("$.credentials[0].policies must be a list of policy names"), message);
    }

    private static String startFailure(Path dir) {
        return assertThrows(ConfigurationException.class,
                () -> IotEmulator.start(EmulatorOptions.builder().dynamicPorts().configDir(dir).build())).getMessage();
    }
}
