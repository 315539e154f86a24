package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

class LoggingCheckTest {

    @Test
    void without_an_slf4j_provider_the_fixture_names_the_loss_and_the_dependency_to_add() {
        String advice = LoggingCheck.advice(new NOPLoggerFactory()).orElseThrow();
        assertTrue(advice.contains("explanations") && advice.contains("dropped"), advice);
        assertTrue(advice.contains("org.slf4j:slf4j-simple"), advice);
    }

    @Test
    void with_a_provider_it_says_nothing() {
        // This module's tests log through slf4j-simple.
        assertEquals(Optional.empty(), LoggingCheck.advice(LoggerFactory.getILoggerFactory()));
    }
}
