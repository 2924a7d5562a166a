package dev.baton.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.core.codec.CommandCodec;
import dev.baton.core.route.Router;
import dev.baton.core.state.BatonState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core applies the log on every node, so it must be deterministic and free of I/O: no clock, no randomness,
 * no threads, files or sockets, and nothing from the server. Time, ids and random choices arrive in commands.
 */
class CorePurityTest {
    private static final String CORE = "dev.baton.core..";

    static final ArchRule NO_CLOCK = noClasses().that().resideInAPackage(CORE)
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethodWhere(DescribedPredicate.describe("a java.time now() method",
                    (JavaMethodCall call) -> call.getTargetOwner().getPackageName().equals("java.time")
                            && call.getName().equals("now")))
            .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
            .orShould().dependOnClassesThat().areAssignableTo(InstantSource.class)
            .because("apply must not read the clock; the leader's time travels inside each command");

    static final ArchRule NO_RANDOMNESS = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().areAssignableTo(Random.class)
            .orShould().dependOnClassesThat().areAssignableTo(SecureRandom.class)
            .orShould().dependOnClassesThat().resideInAPackage("java.util.random..")
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(StrictMath.class, "random")
            .orShould().callMethod(UUID.class, "randomUUID")
            .because("apply must be deterministic; random choices (ids, jitter) are made by the leader");

    static final ArchRule NO_FILES = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|RandomAccessFile).*")
            .orShould().dependOnClassesThat().resideInAPackage("java.nio.file..")
            .because("the core does no I/O; the server owns storage");

    static final ArchRule NO_NETWORK = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAPackage("java.net..")
            .because("the core does no I/O; the server owns sockets");

    static final ArchRule NO_THREADS = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().areAssignableTo(Thread.class)
            .orShould().dependOnClassesThat().haveNameMatching("java\\.lang\\.Thread\\$.*")
            .orShould().dependOnClassesThat().haveNameMatching("java\\.util\\.concurrent\\..*(Executor|ForkJoin).*")
            .orShould().dependOnClassesThat().haveNameMatching("java\\.util\\.Timer.*")
            .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent.locks..")
            .because("the core is single-threaded; its owner serialises access");

    static final ArchRule NO_SERVER = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("dev.baton.server..", "dev.baton.client..",
                    "dev.baton.cli..")
            .because("the core sits below the server, client and CLI in the module graph");

    private static final Map<String, ArchRule> RULES = Map.of(
            "NO_CLOCK", NO_CLOCK, "NO_RANDOMNESS", NO_RANDOMNESS, "NO_FILES", NO_FILES, "NO_NETWORK", NO_NETWORK,
            "NO_THREADS", NO_THREADS, "NO_SERVER", NO_SERVER);

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.baton.core");
    }

    @Test
    void import_mainClasses_findsTheCoreAndNoTests() {
        assertThat(core.contain(BatonState.class)).isTrue();
        assertThat(core.contain(Router.class)).isTrue();
        assertThat(core.contain(CommandCodec.class)).isTrue();
        assertThat(core.contain(ImpureFixtures.UsesRandom.class)).isFalse();
    }

    @Test
    void coreClasses_readNoClock() {
        NO_CLOCK.check(core);
    }

    @Test
    void coreClasses_useNoRandomness() {
        NO_RANDOMNESS.check(core);
    }

    @Test
    void coreClasses_touchNoFiles() {
        NO_FILES.check(core);
    }

    @Test
    void coreClasses_touchNoNetwork() {
        NO_NETWORK.check(core);
    }

    @Test
    void coreClasses_useNoThreadsExecutorsOrLocks() {
        NO_THREADS.check(core);
    }

    @Test
    void coreClasses_dependOnNothingAboveThem() {
        NO_SERVER.check(core);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("NO_CLOCK", ImpureFixtures.CallsCurrentTimeMillis.class),
                Arguments.of("NO_CLOCK", ImpureFixtures.CallsNanoTime.class),
                Arguments.of("NO_CLOCK", ImpureFixtures.CallsInstantNow.class),
                Arguments.of("NO_CLOCK", ImpureFixtures.CallsLocalDateTimeNow.class),
                Arguments.of("NO_CLOCK", ImpureFixtures.UsesClock.class),
                Arguments.of("NO_RANDOMNESS", ImpureFixtures.UsesRandom.class),
                Arguments.of("NO_RANDOMNESS", ImpureFixtures.UsesSecureRandom.class),
                Arguments.of("NO_RANDOMNESS", ImpureFixtures.UsesThreadLocalRandom.class),
                Arguments.of("NO_RANDOMNESS", ImpureFixtures.CallsMathRandom.class),
                Arguments.of("NO_RANDOMNESS", ImpureFixtures.CallsRandomUuid.class),
                Arguments.of("NO_FILES", ImpureFixtures.UsesFile.class),
                Arguments.of("NO_FILES", ImpureFixtures.UsesFileStream.class),
                Arguments.of("NO_FILES", ImpureFixtures.UsesPath.class),
                Arguments.of("NO_NETWORK", ImpureFixtures.UsesSocket.class),
                Arguments.of("NO_NETWORK", ImpureFixtures.UsesUri.class),
                Arguments.of("NO_THREADS", ImpureFixtures.StartsThread.class),
                Arguments.of("NO_THREADS", ImpureFixtures.UsesVirtualThread.class),
                Arguments.of("NO_THREADS", ImpureFixtures.UsesExecutor.class),
                Arguments.of("NO_THREADS", ImpureFixtures.UsesLock.class),
                Arguments.of("NO_SERVER", ImpureFixtures.UsesServer.class));
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @MethodSource("violations")
    void rule_classBreakingIt_fails(String rule, Class<?> offender) {
        JavaClasses imported = new ClassFileImporter().importClasses(offender);

        assertThatThrownBy(() -> RULES.get(rule).check(imported))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender.getName());
    }
}
