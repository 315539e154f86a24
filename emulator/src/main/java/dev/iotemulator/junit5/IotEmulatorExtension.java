package dev.iotemulator.junit5;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.Endpoints;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.RemoteEmulator;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts an {@link IotEmulator} for JUnit 5 tests and lets JUnit close it, whether the tests pass or fail.
 *
 * <pre>{@code
 * class DeviceTest {
 *     @RegisterExtension
 *     static IotEmulatorExtension iot = IotEmulatorExtension.newInstance()
 *             .options(EmulatorOptions.builder().dynamicPorts().region("eu-west-1").build())
 *             .build();
 *
 *     @Test
 *     void device_connects() throws Exception {
 *         MqttClient device = new MqttClient(iot.endpoints().presignedWebSocketUri().toString(), "device-1", null);
 *         device.connect();
 *     }
 * }
 * }</pre>
 *
 * <p>In a {@code static} field the extension starts one emulator before the class's first test and closes it after
 * its last; {@code @Nested} classes share it. In an instance field it starts a fresh emulator before each test and
 * closes it after that test. Test methods and lifecycle methods may declare parameters of type {@link IotEmulator},
 * {@link Endpoints} and {@link RemoteEmulator} (a client of the same emulator's admin API over HTTP, with its admin
 * token when it has one); with two emulators in one test class, use {@link #emulator()} instead, since JUnit cannot
 * tell which one a parameter means.
 *
 * <p>A shared emulator is {@linkplain IotEmulator#reset() reset} before each test: clients disconnected, journal
 * and retained messages emptied (connections made in {@code @BeforeAll} included). Turn that off with
 * {@link Builder#resetBetweenTests(boolean)} or {@link IotEmulatorTest#resetBetweenTests()}.
 *
 * <p>The emulator's listeners are closed when JUnit closes it; its embedded broker finishes stopping in the
 * background (see {@link IotEmulator#close()}).
 *
 * @see IotEmulatorTest the declarative form, with free ports and one emulator per class
 */
public final class IotEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(IotEmulatorExtension.class);
    private static final String DECLARATIVE_KEY = "declarative";

    /** Null when the options come from {@link IotEmulatorTest}. */
    private final EmulatorOptions options;
    /** Null when the choice comes from {@link IotEmulatorTest}. */
    private final Boolean resetBetweenTests;
    private volatile IotEmulator emulator;

    /**
     * Used by JUnit for {@link IotEmulatorTest}, which supplies the options. With {@code @RegisterExtension}, use
     * {@link #newInstance()}.
     */
    public IotEmulatorExtension() {
        this.options = null;
        this.resetBetweenTests = null;
    }

    private IotEmulatorExtension(EmulatorOptions options, boolean resetBetweenTests) {
        this.options = options;
        this.resetBetweenTests = resetBetweenTests;
    }

    /** A builder for an extension to register with {@code @RegisterExtension}; free ports unless told otherwise. */
    public static Builder newInstance() {
        return new Builder();
    }

    /**
     * The emulator of the running test.
     *
     * @throws IllegalStateException before the extension has started one
     */
    public IotEmulator emulator() {
        IotEmulator running = emulator;
        if (running == null) {
            throw new IllegalStateException("The IotEmulatorExtension has not started an emulator yet. Register it"
                    + " with @RegisterExtension: a static field starts one before all tests of the class, an instance"
                    + " field one before each test; call emulator() from a test or lifecycle method.");
        }
        return running;
    }

    /** The endpoints of {@link #emulator()}. */
    public Endpoints endpoints() {
        return emulator().endpoints();
    }

    /** Starts the class's emulator, or reuses the enclosing class's for a {@code @Nested} class. */
    @Override
    public void beforeAll(ExtensionContext context) {
        acquire(context);
    }

    /**
     * Starts the test's emulator when the extension is an instance field; otherwise reuses the class's and
     * {@linkplain IotEmulator#reset() resets} it, unless reset between tests is turned off.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        boolean reused = acquire(context);
        boolean reset = resetBetweenTests != null ? resetBetweenTests
                : annotation(context.getRequiredTestClass()).map(IotEmulatorTest::resetBetweenTests).orElse(true);
        if (reused && reset) {
            emulator.reset();
        }
    }

    /**
     * Supports parameters of type {@link IotEmulator}, {@link Endpoints} and {@link RemoteEmulator} once an emulator
     * is running.
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return (type == IotEmulator.class || type == Endpoints.class || type == RemoteEmulator.class)
                && running(extensionContext).isPresent();
    }

    /**
     * Injects the running emulator, its endpoints, or a {@link RemoteEmulator} for it that passes its admin token.
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        IotEmulator running = running(extensionContext).orElseThrow().emulator();
        Class<?> type = parameterContext.getParameter().getType();
        if (type == RemoteEmulator.class) {
            return RemoteEmulator.connect(running.endpoints());
        }
        return type == Endpoints.class ? running.endpoints() : running;
    }

    /** True when an emulator already running for this or an enclosing context was reused. */
    private boolean acquire(ExtensionContext context) {
        EmulatorOptions wanted = options != null ? options : annotatedOptions(context.getRequiredTestClass());
        Optional<Running> inherited = running(context);
        Running running;
        if (inherited.isPresent() && inherited.get().options().equals(wanted)) {
            running = inherited.get();
        } else {
            LoggingCheck.adviseOnce();
            running = new Running(wanted, IotEmulator.start(wanted));
            context.getStore(NAMESPACE).put(key(), running);
        }
        emulator = running.emulator();
        return running == inherited.orElse(null);
    }

    /** The emulator this extension started for this context or an enclosing one; stores look up their parents. */
    private Optional<Running> running(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(key(), Running.class));
    }

    private Object key() {
        return options == null ? DECLARATIVE_KEY : this;
    }

    private static EmulatorOptions annotatedOptions(Class<?> testClass) {
        EmulatorOptions.Builder builder = EmulatorOptions.builder().dynamicPorts();
        annotation(testClass).ifPresent(a -> {
            builder.region(a.region()).accountId(a.accountId());
            if (!a.configDir().isEmpty()) {
                builder.configDir(Path.of(a.configDir()));
            }
        });
        return builder.build();
    }

    private static Optional<IotEmulatorTest> annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<IotEmulatorTest> annotation = AnnotationSupport.findAnnotation(c, IotEmulatorTest.class);
            if (annotation.isPresent()) {
                return annotation;
            }
            if (Modifier.isStatic(c.getModifiers())) {
                break; // only @Nested (inner) classes take their enclosing class's settings
            }
        }
        return Optional.empty();
    }

    /** Builds an {@link IotEmulatorExtension}. */
    public static final class Builder {
        private EmulatorOptions options = EmulatorOptions.builder().dynamicPorts().build();
        private boolean resetBetweenTests = true;

        private Builder() {
        }

        /**
         * The options to start each emulator with; free ports and the defaults otherwise. Fixed ports are honoured,
         * so keep them out of tests that run in parallel.
         */
        public Builder options(EmulatorOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Whether a shared emulator (a {@code static} field) is {@linkplain IotEmulator#reset() reset} before each
         * test: true unless set. An instance field starts a fresh emulator per test anyway.
         */
        public Builder resetBetweenTests(boolean resetBetweenTests) {
            this.resetBetweenTests = resetBetweenTests;
            return this;
        }

        /** The extension, to assign to a field annotated with {@code @RegisterExtension}. */
        public IotEmulatorExtension build() {
            return new IotEmulatorExtension(options, resetBetweenTests);
        }
    }

    /** JUnit closes this with the context it was stored in: as AutoCloseable from 5.13, CloseableResource before. */
    @SuppressWarnings("deprecation")
    private record Running(EmulatorOptions options, IotEmulator emulator)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        @Override
        public void close() {
            emulator.close();
        }
    }
}
