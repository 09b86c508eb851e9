package org.paramlab.grader.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.BuiltGrader;

/**
 * The modules follow the processes: the test JVM's side ({@code grader-test-jvm}) and the graded tests never
 * depend on the supervisor ({@code grader-supervisor}), the protocol ({@code grader-protocol}) depends on
 * neither, and no package of the grader depends on itself through another. Each module is read from its own
 * compiled classes, so the rules follow the folders, not package names.
 */
class GraderArchitectureTest {

    private static final JavaClasses PROTOCOL = classesOf("grader-protocol/target/classes");
    private static final JavaClasses TEST_JVM = classesOf("grader-test-jvm/target/classes");
    private static final JavaClasses SUPERVISOR = classesOf("grader-supervisor/target/classes");
    private static final JavaClasses GRADED_TESTS = classesOf("graded-tests/target/classes");

    @Test
    void eachModuleHoldsClasses() {
        for (JavaClasses classes : Set.of(PROTOCOL, TEST_JVM, SUPERVISOR, GRADED_TESTS)) {
            assertThat(classes).isNotEmpty();
        }
    }

    @Test
    void theTestJvmsSideNeverDependsOnTheSupervisor() {
        noClasses().should().dependOnClassesThat(in("the supervisor's module", SUPERVISOR))
                .because("the supervisor's classes are never on the test JVM's classpath").check(TEST_JVM);
    }

    @Test
    void theGradedTestsDependOnNeitherTheSupervisorNorTheGradersOwnTests() {
        noClasses().should().dependOnClassesThat(in("the supervisor's module", SUPERVISOR))
                .orShould().dependOnClassesThat().resideInAPackage("org.paramlab.grader.architecture..")
                .because("the graded tests run in the test JVM").check(GRADED_TESTS);
    }

    @Test
    void theProtocolDependsOnNeitherSide() {
        noClasses().should().dependOnClassesThat(in("the supervisor's module", SUPERVISOR))
                .orShould().dependOnClassesThat(in("the test JVM's module", TEST_JVM))
                .because("both processes read the protocol; it reads neither").check(PROTOCOL);
    }

    @Test
    void noPackageOfTheGraderDependsOnItselfThroughAnother() {
        JavaClasses all = new ClassFileImporter().importPaths(path("grader-protocol/target/classes"),
                path("grader-test-jvm/target/classes"), path("grader-supervisor/target/classes"));
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return javaClass.getPackageName().startsWith("org.paramlab.grader")
                        ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the grader's packages";
            }
        }).should().beFreeOfCycles().check(all);
    }

    private static DescribedPredicate<JavaClass> in(String description, JavaClasses module) {
        Set<String> names = module.stream().map(JavaClass::getName).collect(Collectors.toSet());
        return DescribedPredicate.describe(description, c -> names.contains(c.getName()));
    }

    private static JavaClasses classesOf(String folder) {
        return new ClassFileImporter().importPath(path(folder));
    }

    private static Path path(String folder) {
        Path path = BuiltGrader.repository().resolve(folder);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(path + " is missing: build the modules first (./mvnw -Psolutions test)");
        }
        return path;
    }
}
