package dev.iotemulator.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The README's "Using it in your own project's tests" is what a new project copies: its test must compile with
 * exactly the imports shown and pass, and its Maven coordinates and versions must be this build's.
 */
class ReadmeFixtureSnippetTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path PARENT_POM = Path.of("..", "pom.xml");
    private static final String SECTION = "## Using it in your own project's tests";

    @Test
    void the_readme_test_compiles_with_its_own_imports_and_passes(@TempDir Path work) throws Exception {
        String java = block(section(), "java");
        Matcher name = Pattern.compile("class (\\w+)").matcher(java);
        assertTrue(name.find(), "no class in the README's Java block");
        Path source = work.resolve("src").resolve(name.group(1) + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, java);
        Path classes = Files.createDirectories(work.resolve("classes"));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("-classpath", testClassPath(), "-d", classes.toString(), "-proc:none"), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
        assertTrue(compiled, "the README's test does not compile:\n" + diagnostics);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Events tests = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(loader.loadClass(name.group(1))))
                    .execute().testEvents();
            assertEquals(1, tests.started().count(), "the README's test did not run");
            assertEquals(1, tests.succeeded().count(), "the README's test failed");
        }
    }

    @Test
    void the_readme_coordinates_and_versions_are_this_builds() throws IOException {
        String xml = block(section(), "xml");
        String pom = Files.readString(PARENT_POM);
        assertDependency(xml, "dev.iotemulator", "iot-emulator", projectVersion(pom));
        assertDependency(xml, "org.junit.jupiter", "junit-jupiter", property(pom, "junit.version"));
        assertDependency(xml, "org.eclipse.paho", "org.eclipse.paho.client.mqttv3", property(pom, "paho.version"));
        assertDependency(xml, "org.slf4j", "slf4j-simple", property(pom, "slf4j.version"));
        for (String plugin : List.of("maven-compiler-plugin", "maven-surefire-plugin")) {
            assertSamePluginVersion(xml, pom, plugin);
        }
        assertTrue(section().contains("mvn -q -B -pl emulator -am install -DskipTests"),
                "the README no longer says how to install the emulator into the local repository");
    }

    /** Maven 3.8's default compiler plugin ignores the release, its default Surefire finds no JUnit 5 test. */
    private static void assertSamePluginVersion(String xml, String pom, String plugin) {
        String versionAfter = "<artifactId>" + plugin + "</artifactId>\\s*<version>";
        Matcher shown = Pattern.compile(versionAfter + "([^<]+)<").matcher(xml);
        assertTrue(shown.find(), "the README's pom should pin " + plugin);
        assertTrue(Pattern.compile(versionAfter + Pattern.quote(shown.group(1)) + "<").matcher(pom).find(),
                "the README's " + plugin + " " + shown.group(1) + " is not the one this build uses");
    }

    private static void assertDependency(String xml, String groupId, String artifactId, String version) {
        String expected = "<groupId>" + groupId + "</groupId>\\s*<artifactId>" + Pattern.quote(artifactId)
                + "</artifactId>\\s*<version>" + Pattern.quote(version) + "</version>\\s*<scope>test</scope>";
        assertTrue(Pattern.compile(expected).matcher(xml).find(),
                "the README should name " + groupId + ":" + artifactId + ":" + version + " (test scope)");
    }

    private static String projectVersion(String pom) {
        Matcher version = Pattern.compile("<artifactId>iot-emulator-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertTrue(version.find(), "no version in " + PARENT_POM);
        return version.group(1);
    }

    private static String property(String pom, String name) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(value.find(), "no property " + name + " in " + PARENT_POM);
        return value.group(1);
    }

    private static String section() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.md has no section '" + SECTION + "'");
        int end = readme.indexOf("\n## ", start + SECTION.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String block(String text, String language) {
        int start = text.indexOf("```" + language + "\n");
        assertTrue(start >= 0, "no ```" + language + " block in the README's section");
        int from = start + language.length() + 4;
        return text.substring(from, text.indexOf("```", from));
    }

    /** The test class path as Surefire gives it (its own class path may be a manifest-only jar). */
    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertNotNull(path);
        return path;
    }
}
