package dev.assay.reputation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code reputation} pure (ARCHITECTURE.md, "Modules"): the JDK's core packages, SHA-256 from
 * {@code java.security}, Jackson only to read the bundled catalogue, and {@code java.io} only in the
 * class that reads that classpath resource. No wall clock, no unseeded randomness.
 *
 * <p>The wall clock and unseeded randomness are ruled out for every pure module by marketplace-api's
 * {@code ArchitectureTest}.
 */
class PurityTest {

    private static final JavaClasses REPUTATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.assay.reputation");

    @Test
    void dependsOnlyOnTheJdksCorePackages() {
        classes().that().doNotHaveSimpleName("SkuCatalogueLoader")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.assay.reputation..", "dev.assay.pricing..",
                        "java.lang..", "java.math..", "java.time..", "java.util..", "java.security..")
                .check(REPUTATION);
    }

    @Test
    void onlyTheCatalogueLoaderReadsAResourceWithJackson() {
        classes().that().haveSimpleName("SkuCatalogueLoader")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.assay.reputation..", "java.lang..",
                        "java.util..", "java.io..", "com.fasterxml.jackson.databind..")
                .check(REPUTATION);
    }
}
