package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package layout is the architecture: modules depend only on each other's APIs, and the domain on nothing. */
class ModularityTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard");

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(SwitchboardApplication.class).verify();
    }

    @Test
    void theDomainCoreUsesNoFrameworks() {
        noClasses().that().resideInAPackage("dev.switchboard.ticket..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta..", "tools.jackson..", "com.fasterxml..", "java.sql..",
                        "org.apache.kafka..", "io.micrometer..")
                .allowEmptyShould(false)
                .check(CLASSES);
    }

    @Test
    void theDomainCoreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.switchboard.ticket..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.switchboard.intake..", "dev.switchboard.store..", "dev.switchboard.access..",
                        "dev.switchboard.web..", "dev.switchboard.workspace..")
                .allowEmptyShould(false)
                .check(CLASSES);
    }
}
