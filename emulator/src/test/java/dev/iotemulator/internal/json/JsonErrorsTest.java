package dev.iotemulator.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mistakes people make in hand-written JSON, as Jackson reports them and as the emulator explains them. */
class JsonErrorsTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"a": [1, 2          | line 1, column 12: the file ends before the list opened at line 1, column 7 is closed with ']'; is the file cut short?
            {"a": "b             | line 1, column 9: the file ends inside a string: its closing double quote is missing
            {"a": 1,}            | line 1, column 9: found '}' where a field name in double quotes was expected (JSON allows no comma before '}')
            {a: 1}               | line 1, column 2: found 'a' where a field name in double quotes was expected
            {"a": 1 "b": 2}      | line 1, column 9: found '"' where a comma between two fields, or the '}' closing the object, was expected
            [1, 2,]              | line 1, column 7: found ']' where a value (JSON allows no comma before ']') was expected
            {"a": tru}           | line 1, column 7: 'tru' is not a JSON value: strings need double quotes, and the other words JSON knows are true, false and null
            {"a": 1, "a": 2}     | line 1, column 13: the field "a" appears twice in the same object
            // note               | line 1, column 1: found '/': JSON allows no comments
            {"a": 1}}            | line 1, column 9: a closing '}' that closes nothing: one too many, or text after the end of the JSON document
            {"a": 1} 2           | line 1, column 10: there is more text after the end of the JSON document
            """)
    void explains_the_mistake_at_its_line_and_column(String json, String explanation) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> STRICT.readTree(json.trim()));
        assertEquals(explanation, JsonErrors.describe(e));
    }
}
