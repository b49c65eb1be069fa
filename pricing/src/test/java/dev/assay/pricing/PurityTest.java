package dev.assay.pricing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code pricing} pure (ARCHITECTURE.md, "Modules"): only the JDK's lang, math, time and util
 * packages; no I/O, no wall clock, no unseeded randomness.
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

    @Test
    void neverReadsTheWallClockOrUnseededRandomness() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(InstantSource.class, "system")
                .orShould().callMethod(Math.class, "random")
                .orShould().callConstructor(Random.class)
                .check(PRICING);
    }
}
