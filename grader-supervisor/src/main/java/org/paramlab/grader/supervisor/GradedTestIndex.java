package org.paramlab.grader.supervisor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.Graded;
import org.paramlab.grader.GradedTests;
import org.paramlab.grader.InstructorCheck;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;

/**
 * Every graded test the grader has, read from the compiled test classes themselves (with ArchUnit, so
 * nothing is loaded and nothing of the student's is involved): each method annotated
 * {@link Graded @Graded}, directly or through a composed annotation, with its exercise and points.
 *
 * <p>The test JVM's plan must contain them all. JUnit leaves out a test class that cannot be loaded
 * (for example because the student deleted a class its methods name), which would quietly lower the
 * maximum score; {@link #missingFrom} finds such tests, so that they score 0 instead of vanishing.
 *
 * @param tests            every graded test, by {@code class#method}
 * @param instructorChecks the instructor-only checks among them ({@link InstructorCheck}: annotated so, or in its
 *                         package), by {@code class#method}, with when Gradescope shows each
 * @param misplaced        instructor-only checks outside {@value InstructorCheck#PACKAGE}, which a student
 *                         template would contain: trusted grading refuses to run with them
 */
record GradedTestIndex(Map<String, PlannedTest> tests, Map<String, InstructorCheck.Visibility> instructorChecks,
                       List<String> misplaced) {

    private static final Map<Path, GradedTestIndex> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param testClasses the folder of the compiled graded tests
     * @return its index, read once per JVM (a batch grades many submissions with the same tests)
     */
    static GradedTestIndex of(Path testClasses) {
        return CACHE.computeIfAbsent(testClasses.toAbsolutePath().normalize(), GradedTestIndex::read);
    }

    /**
     * @param testClasses the folder of the compiled graded tests
     * @return the index of the graded tests in {@value GradedTests#GRADING_PACKAGE} classes named {@code *Test}
     */
    static GradedTestIndex read(Path testClasses) {
        JavaClasses classes = new ClassFileImporter().importPath(testClasses.resolve(
                GradedTests.GRADING_PACKAGE.replace('.', '/')));
        Map<String, PlannedTest> tests = new LinkedHashMap<>();
        Map<String, InstructorCheck.Visibility> checks = new LinkedHashMap<>();
        List<String> misplaced = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            if (!graded(javaClass)) {
                continue;
            }
            for (JavaMethod method : javaClass.getMethods()) {
                graded(method).ifPresent(annotation -> {
                    Exercise exercise = Exercise.valueOf(((JavaEnumConstant) annotation.get("exercise").orElseThrow())
                            .name());
                    double points = ((Number) annotation.get("points").orElseThrow()).doubleValue();
                    String key = key(javaClass.getName(), method.getName());
                    tests.put(key, new PlannedTest(
                            "[paramlab:missing]/[class:" + javaClass.getName() + "]/[method:" + method.getName() + "]",
                            javaClass.getName(), method.getName(), method.getName() + "()", exercise.id(), points));
                    boolean inPackage = javaClass.getPackageName().equals(InstructorCheck.PACKAGE)
                            || javaClass.getPackageName().startsWith(InstructorCheck.PACKAGE + ".");
                    Optional<? extends JavaAnnotation<?>> check = method.tryGetAnnotationOfType(
                            InstructorCheck.class.getName());
                    if (check.isPresent() && !inPackage) {
                        misplaced.add(key);
                    }
                    if (check.isPresent() || inPackage) {
                        checks.put(key, check.flatMap(a -> a.get("visibility")).map(v -> InstructorCheck.Visibility
                                .valueOf(((JavaEnumConstant) v).name())).orElse(InstructorCheck.Visibility.AFTER_DUE_DATE));
                    }
                });
            }
        }
        return new GradedTestIndex(tests, checks, misplaced);
    }

    /** Copies the collections. */
    GradedTestIndex {
        tests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tests));
        instructorChecks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instructorChecks));
        misplaced = List.copyOf(misplaced);
    }

    /**
     * @param instructorChecks whether the run grades the instructor-only checks
     * @return this index, without the instructor-only checks unless the run grades them
     */
    GradedTestIndex forRun(boolean instructorChecks) {
        if (instructorChecks) {
            return this;
        }
        Map<String, PlannedTest> visible = new LinkedHashMap<>(tests);
        visible.keySet().removeAll(this.instructorChecks.keySet());
        return new GradedTestIndex(visible, Map.of(), misplaced);
    }

    /** @return the graded tests that every student template has too, in index order */
    List<PlannedTest> studentVisible() {
        return tests.entrySet().stream().filter(e -> !instructorChecks.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    /** @return whether JUnit grades the class: in the grading package, named {@code *Test} (nested classes too) */
    private static boolean graded(JavaClass javaClass) {
        String name = javaClass.getName();
        String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        return name.startsWith(GradedTests.GRADING_PACKAGE + ".") && outer.endsWith("Test");
    }

    /** @return the method's {@code @Graded}, on the method or on a composed annotation of it */
    private static Optional<JavaAnnotation<?>> graded(JavaMethod method) {
        Optional<? extends JavaAnnotation<?>> direct = method.tryGetAnnotationOfType(Graded.class.getName());
        if (direct.isPresent()) {
            return Optional.of(direct.get());
        }
        for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
            Optional<? extends JavaAnnotation<?>> meta = annotation.getRawType()
                    .tryGetAnnotationOfType(Graded.class.getName());
            if (meta.isPresent()) {
                return Optional.of(meta.get());
            }
        }
        return Optional.empty();
    }

    private static String key(String className, String methodName) {
        return className + "#" + methodName;
    }

    /**
     * @param plan      what the test JVM discovered
     * @param selection the exercises graded
     * @return the graded tests of the selected exercises that the plan lacks
     */
    List<PlannedTest> missingFrom(GradingPlan plan, ExerciseSelection selection) {
        Map<String, PlannedTest> expected = new LinkedHashMap<>(tests);
        for (PlannedTest test : plan.tests()) {
            expected.remove(key(test.className(), test.methodName()));
        }
        List<PlannedTest> missing = new ArrayList<>();
        for (PlannedTest test : expected.values()) {
            if (selection.includes(Exercise.byId(test.exercise()))) {
                missing.add(test);
            }
        }
        return missing;
    }
}
