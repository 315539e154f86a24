/**
 * Runs the emulator as a JUnit 5 test fixture: {@link dev.iotemulator.junit5.IotEmulatorTest} for one emulator per
 * test class with no code, {@link dev.iotemulator.junit5.IotEmulatorExtension} with {@code @RegisterExtension} for
 * chosen options or one emulator per test. Bring your own {@code junit-jupiter}; this package needs its API at
 * run time and the emulator does not pull it in.
 */
package dev.iotemulator.junit5;
