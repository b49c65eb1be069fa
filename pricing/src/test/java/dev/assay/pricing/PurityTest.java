package dev.assay.pricing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code pricing} pure (ARCHITECTURE.md, "Modules"): only the JDK's lang, math, time and util
 * packages; no I/O, no wall clock, no unseeded randomness.
 *
 * <p>The wall clock and unseeded randomness are ruled out for every pure module by marketplace-api's
 * {@code ArchitectureTest}.
 */
class PurityTest {

    private static final JavaClasses PRICING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.assay.pricing");

    @Test
    void dependsOnlyOnTheJdksCorePackages() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.assay.pricing..", "java.lang..", "java.math..", "java.time..", "java.util..")
                .check(PRICING);
    }
}
