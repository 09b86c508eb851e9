package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The graded tests reach the student's code only inside a test (or its {@code @BeforeEach}/{@code @AfterEach}),
 * where JUnit's timeout and {@code Containment} hold: never from a static initializer, a constructor, an
 * {@code @BeforeAll}/{@code @AfterAll} method or an argument source, which JUnit runs on its main thread,
 * where an endless loop or an exception whose {@code getMessage()} never returns would stop the test JVM
 * (the supervisor would then stop it, at the cost of a whole class of tests).
 */
class GradedTestClassesTest {

    private static final Set<String> MAIN_THREAD_ANNOTATIONS = Set.of("org.junit.jupiter.api.BeforeAll",
            "org.junit.jupiter.api.AfterAll");
    private static final Set<String> ARGUMENT_SOURCES = Set.of("org.junit.jupiter.params.provider.MethodSource",
            "org.junit.jupiter.params.provider.ArgumentsSource", "org.junit.jupiter.params.provider.FieldSource");

    @Test
    void nothingOnJUnitsMainThreadReachesTheStudentsCode() {
        JavaClasses classes = new ClassFileImporter().importPackages(GradedTests.GRADING_PACKAGE);
        assertThat(classes).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            String outer = javaClass.getName().split("\\$")[0];
            if (!outer.endsWith("Test")) {
                continue; // support classes: their code runs inside the tests that call it
            }
            List<JavaCodeUnit> mainThread = new ArrayList<>(javaClass.getConstructors());
            javaClass.getStaticInitializer().ifPresent(mainThread::add);
            for (JavaMethod method : javaClass.getMethods()) {
                if (method.getAnnotations().stream().anyMatch(a -> MAIN_THREAD_ANNOTATIONS.contains(a.getRawType().getName())
                        || ARGUMENT_SOURCES.contains(a.getRawType().getName()))) {
                    problems.add(method.getFullName() + " is run by JUnit on its main thread");
                }
            }
            for (JavaCodeUnit unit : mainThread) {
                unit.getAccessesFromSelf().stream()
                        .filter(access -> access.getTargetOwner().getPackageName().equals(OutcomeClassifier.STUDENT_PACKAGE))
                        .forEach(access -> problems.add(access.getDescription()));
            }
        }
        assertThat(problems).isEmpty();
    }
}
