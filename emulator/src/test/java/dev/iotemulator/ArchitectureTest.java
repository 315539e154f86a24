package dev.iotemulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps the public API small: the root and {@code junit5} packages are API, everything else is internal. Plain
 * Jupiter tests rather than {@code @ArchTest} fields, so Surefire reports each rule.
 */
class ArchitectureTest {

    private static final String INTERNAL = "dev.iotemulator.internal..";
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.iotemulator");

    @Test
    void only_the_broker_package_uses_moquette() {
        ONLY_THE_BROKER_PACKAGE_USES_MOQUETTE.check(MAIN_CLASSES);
    }

    @Test
    void the_domain_packages_know_nothing_of_netty_or_the_broker() {
        DOMAIN_IS_TRANSPORT_FREE.check(MAIN_CLASSES);
    }

    @Test
    void the_publish_pipeline_depends_on_no_listener_session_or_route() {
        PIPELINE_STANDS_ALONE.check(MAIN_CLASSES);
    }

    @Test
    void the_iot_sql_package_is_pure() {
        IOT_SQL_IS_PURE.check(MAIN_CLASSES);
    }

    @Test
    void internal_never_depends_on_the_junit5_extension() {
        INTERNAL_NEVER_DEPENDS_ON_JUNIT5.check(MAIN_CLASSES);
    }

    @Test
    void only_the_junit5_package_uses_junit() {
        ONLY_JUNIT5_USES_JUNIT.check(MAIN_CLASSES);
    }

    @Test
    void only_the_store_package_uses_h2() {
        ONLY_THE_STORE_PACKAGE_USES_H2.check(MAIN_CLASSES);
    }

    @Test
    void public_api_signatures_expose_no_internal_type() {
        NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES.check(MAIN_CLASSES);
    }

    static final ArchRule ONLY_THE_BROKER_PACKAGE_USES_MOQUETTE = noClasses()
            .that().resideOutsideOfPackage("dev.iotemulator.internal.broker..")
            .should().dependOnClassesThat().resideInAPackage("io.moquette..")
            .because("the broker package is the one seam to Moquette");

    /** The AWS rules, policies, shadows, SigV4 and the pipeline are plain Java, unit-tested without a network. */
    static final ArchRule DOMAIN_IS_TRANSPORT_FREE = noClasses()
            .that().resideInAnyPackage("dev.iotemulator.internal.auth..", "dev.iotemulator.internal.authz..",
                    "dev.iotemulator.internal.policy..", "dev.iotemulator.internal.shadow..",
                    "dev.iotemulator.internal.pipeline..", "dev.iotemulator.internal.journal..",
                    "dev.iotemulator.internal.mqtt..", "dev.iotemulator.internal.mqtt5..",
                    "dev.iotemulator.internal.dataplane..",
                    "dev.iotemulator.internal.cognito..", "dev.iotemulator.internal.store..",
                    "dev.iotemulator.internal.refusals..",
                    "dev.iotemulator.internal.controlplane..", "dev.iotemulator.internal.registry..",
                    "dev.iotemulator.internal.jobs..", "dev.iotemulator.internal.provisioning..",
                    "dev.iotemulator.internal.rules..", "dev.iotemulator.internal.text..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.moquette..")
            .because("domain packages take and return plain values; Netty stays in the transport packages");

    static final ArchRule ONLY_THE_STORE_PACKAGE_USES_H2 = noClasses()
            .that().resideOutsideOfPackage("dev.iotemulator.internal.store..")
            .should().dependOnClassesThat().resideInAPackage("org.h2..")
            .because("durable state goes through the store's API of documents by collection and key");

    static final ArchRule PIPELINE_STANDS_ALONE = noClasses()
            .that().resideInAPackage("dev.iotemulator.internal.pipeline..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.iotemulator.internal.gateway..",
                    "dev.iotemulator.internal.connection..", "dev.iotemulator.internal.session..",
                    "dev.iotemulator.internal.http..", "dev.iotemulator.internal.broker..")
            .because("every source feeds the pipeline; the pipeline reaches the broker through BrokerPort only");

    /** IoT SQL is parsed and evaluated from plain values: no service, pipeline, SDK or transport. */
    static final ArchRule IOT_SQL_IS_PURE = noClasses()
            .that().resideInAPackage("dev.iotemulator.internal.rules.sql..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "io.netty..",
                    "dev.iotemulator.internal.pipeline..", "dev.iotemulator.internal.rules.actions..",
                    "dev.iotemulator.internal.shadow..", "dev.iotemulator.internal.controlplane..")
            .because("the SQL package is unit-tested exhaustively on its own, from AWS's documented examples");

    static final ArchRule INTERNAL_NEVER_DEPENDS_ON_JUNIT5 = noClasses()
            .that().resideInAPackage(INTERNAL)
            .should().dependOnClassesThat().resideInAPackage("dev.iotemulator.junit5..");

    static final ArchRule ONLY_JUNIT5_USES_JUNIT = noClasses()
            .that().resideOutsideOfPackage("dev.iotemulator.junit5..")
            .should().dependOnClassesThat().resideInAPackage("org.junit..")
            .because("JUnit is a provided dependency: the emulator must run without it");

    static final ArchRule NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES = classes()
            .that().resideInAnyPackage("dev.iotemulator", "dev.iotemulator.junit5")
            .and().arePublic()
            .should(exposeNoInternalTypes());

    private static ArchCondition<JavaClass> exposeNoInternalTypes() {
        return new ArchCondition<>("expose no dev.iotemulator.internal type in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> leaks = new ArrayList<>();
                type.getRawSuperclass().filter(ArchitectureTest::isInternal)
                        .ifPresent(s -> leaks.add("extends " + s.getName()));
                type.getRawInterfaces().stream().filter(ArchitectureTest::isInternal)
                        .forEach(i -> leaks.add("implements " + i.getName()));
                for (JavaMember member : type.getMembers()) {
                    if (!isVisible(member)) {
                        continue;
                    }
                    for (JavaType involved : signatureTypes(member)) {
                        involved.getAllInvolvedRawTypes().stream().filter(ArchitectureTest::isInternal)
                                .forEach(t -> leaks.add(member.getFullName() + " uses " + t.getName()));
                    }
                }
                leaks.forEach(leak -> events.add(SimpleConditionEvent.violated(type, leak)));
                if (leaks.isEmpty()) {
                    events.add(SimpleConditionEvent.satisfied(type, type.getName() + " exposes nothing internal"));
                }
            }
        };
    }

    private static boolean isVisible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static List<JavaType> signatureTypes(JavaMember member) {
        List<JavaType> types = new ArrayList<>();
        if (member instanceof JavaField field) {
            types.add(field.getType());
        } else if (member instanceof JavaCodeUnit codeUnit) {
            types.add(codeUnit.getReturnType());
            types.addAll(codeUnit.getParameterTypes());
            codeUnit.getThrowsClause().getTypes().forEach(types::add);
        }
        return types;
    }

    private static boolean isInternal(JavaClass type) {
        return type.getPackageName().startsWith("dev.iotemulator.internal");
    }
}
