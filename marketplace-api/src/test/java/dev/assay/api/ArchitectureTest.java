package dev.assay.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the market rules pure: pricing, reputation and the matching engine use no framework, do no I/O
 * and never read the wall clock, and depend on each other only in the documented direction
 * (matching-engine → reputation → pricing).
 */
class ArchitectureTest {

    private static final String PRICING = "dev.assay.pricing..";
    private static final String REPUTATION = "dev.assay.reputation..";
    private static final String MATCHING = "dev.assay.matching..";

    private static JavaClasses pureModules;

    @BeforeAll
    static void importPureModules() {
        pureModules = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.assay.pricing", "dev.assay.reputation", "dev.assay.matching");
    }

    @Test
    void pureModulesUseNoFrameworkAndNoNetworkDatabaseOrFiles() {
        noClasses().that().resideInAnyPackage(PRICING, REPUTATION, MATCHING)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.micronaut..", "io.grpc..", "org.hibernate..", "jakarta..", "io.lettuce..",
                        "io.netty..", "dev.assay.proto..", "dev.assay.api..", "dev.assay.agent..",
                        "java.net..", "java.sql..", "java.nio.file..", "java.nio.channels..")
                .because("the market rules are pure functions of their inputs (ARCHITECTURE.md)")
                .check(pureModules);
    }

    @Test
    void pureModulesNeverReadTheWallClock() {
        noClasses().that().resideInAnyPackage(PRICING, REPUTATION, MATCHING)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(java.time.InstantSource.class, "system")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .because("time comes in as an argument or an InstantSource, so every decision can be replayed")
                .check(pureModules);
    }

    @Test
    void pureModulesUseOnlySeededRandomness() {
        noClasses().that().resideInAnyPackage(PRICING, REPUTATION, MATCHING)
                .should().callConstructor(java.util.Random.class)
                .orShould().callMethod(Math.class, "random")
                .orShould().callConstructor(java.util.SplittableRandom.class)
                .orShould().callMethod(java.util.concurrent.ThreadLocalRandom.class, "current")
                .because("placement and challenges must be deterministic for the same seed")
                .check(pureModules);
    }

    @Test
    void pricingKnowsNothingOfReputationOrMatching() {
        noClasses().that().resideInAPackage(PRICING)
                .should().dependOnClassesThat().resideInAnyPackage(REPUTATION, MATCHING)
                .check(pureModules);
    }

    @Test
    void reputationKnowsNothingOfMatching() {
        noClasses().that().resideInAPackage(REPUTATION)
                .should().dependOnClassesThat().resideInAPackage(MATCHING)
                .check(pureModules);
    }
}
