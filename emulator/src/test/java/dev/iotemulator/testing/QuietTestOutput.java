package dev.iotemulator.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the build's output to what matters: everything a test prints or logs (the WARN lines of the emulator's
 * refusals, which negative tests cause on purpose) is captured per test and shown only when that test fails; what a
 * test class prints outside its tests is shown only when the class or one of its tests fails.
 *
 * <p>Registered for every test through {@code META-INF/services} and JUnit's extension auto-detection (enabled in
 * {@code junit-platform.properties}), so it runs outside every other extension. The client sample's tests get both
 * from this module's test jar.
 */
public final class QuietTestOutput implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QuietTestOutput.class);
    private static final String SCOPE = "scope";
    private static final String FAILED = "a test failed";

    @Override
    public void beforeAll(ExtensionContext context) {
        open(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        boolean failed = context.getExecutionException().isPresent();
        if (failed) {
            context.getParent().ifPresent(parent -> parent.getStore(NAMESPACE).put(FAILED, true));
        }
        close(context, failed ? "the test failed" : null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        boolean failed = context.getExecutionException().isPresent()
                || context.getStore(NAMESPACE).get(FAILED) != null;
        close(context, failed ? "outside its tests; shown because the class or one of its tests failed" : null);
    }

    private static void open(ExtensionContext context) {
        String name = context.getRequiredTestClass().getName()
                + (context.getTestMethod().isPresent() ? " > " + context.getDisplayName() : "");
        context.getStore(NAMESPACE).put(SCOPE, CapturedOutput.open(name));
    }

    private static void close(ExtensionContext context, String showBecause) {
        CapturedOutput.Scope scope = context.getStore(NAMESPACE).remove(SCOPE, CapturedOutput.Scope.class);
        if (scope == null) {
            return;
        }
        scope.close();
        if (showBecause != null) {
            scope.show(showBecause);
        }
    }
}
