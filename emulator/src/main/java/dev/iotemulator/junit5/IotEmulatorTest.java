package dev.iotemulator.junit5;

import dev.iotemulator.EmulatorOptions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one {@link dev.iotemulator.IotEmulator} on free ports for the annotated test class and closes it after the
 * class's last test, whether the tests pass or fail.
 *
 * <pre>{@code
 * @IotEmulatorTest
 * class DeviceTest {
 *     @Test
 *     void device_receives_its_own_message(Endpoints endpoints) throws Exception {
 *         MqttClient device = new MqttClient(endpoints.presignedWebSocketUri().toString(), "device-1",
 *                 new MemoryPersistence());
 *         device.connect();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Test methods, constructors and lifecycle methods ({@code @BeforeAll} included) may declare parameters of type
 * {@link dev.iotemulator.IotEmulator}, {@link dev.iotemulator.Endpoints} and {@link dev.iotemulator.RemoteEmulator}.
 * {@code @Nested} classes share the enclosing class's emulator; subclasses inherit the annotation. For other options
 * (fixed ports, clock skew) or one emulator per test, register an {@link IotEmulatorExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IotEmulatorExtension.class)
public @interface IotEmulatorTest {

    /** The AWS region the emulator claims; presigned URLs are signed for it. */
    String region() default EmulatorOptions.DEFAULT_REGION;

    /** The 12-digit account id used in ARNs. */
    String accountId() default EmulatorOptions.DEFAULT_ACCOUNT_ID;

    /**
     * The configuration directory, relative to the working directory (the module directory under Maven); empty for
     * the default configuration embedded in the jar.
     */
    String configDir() default "";

    /**
     * Whether the class's emulator is {@linkplain dev.iotemulator.IotEmulator#reset() reset} before each test
     * (clients disconnected, journal and retained messages emptied); true unless set.
     */
    boolean resetBetweenTests() default true;
}
