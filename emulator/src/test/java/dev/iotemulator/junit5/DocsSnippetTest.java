package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first example in docs/junit5.md is the text of {@link DeclarativeExtensionTest}, so it cannot rot. */
class DocsSnippetTest {

    private static final Path DOC = Path.of("..", "docs", "junit5.md");
    private static final Path TEST = Path.of("src", "test", "java", "dev", "iotemulator", "junit5",
            "DeclarativeExtensionTest.java");

    @Test
    void the_readme_example_is_a_test_of_this_module_line_for_line() throws IOException {
        List<String> snippet = firstJavaBlock(Files.readAllLines(DOC));
        assertFalse(snippet.isEmpty(), "no ```java block in " + DOC);
        List<String> source = Files.readAllLines(TEST);
        int at = 0;
        for (String line : snippet) {
            if (line.isBlank()) {
                continue;
            }
            while (at < source.size() && !source.get(at).equals(line)) {
                at++;
            }
            if (at == source.size()) {
                fail("docs/junit5.md shows a line that " + TEST.getFileName() + " does not have (in this order): "
                        + line);
            }
            at++;
        }
    }

    private static List<String> firstJavaBlock(List<String> lines) {
        int start = lines.indexOf("```java");
        if (start < 0) {
            return List.of();
        }
        int end = lines.subList(start + 1, lines.size()).indexOf("```");
        return lines.subList(start + 1, start + 1 + end);
    }
}
