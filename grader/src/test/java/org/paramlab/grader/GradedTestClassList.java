package org.paramlab.grader;

import java.util.Comparator;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Order;
import org.paramlab.grader.GradedTests;

/**
 * The graded test classes, found on the classpath as the grader finds them (classes of the grading package
 * named {@code *Test} with a {@link Graded @Graded} method), so that no test keeps a hand list that a new
 * class could be left out of.
 */
public final class GradedTestClassList {

    private static final List<String> ALL = find();

    private GradedTestClassList() {
    }

    /**
     * @return the simple names of the graded test classes ({@code "ModulesTest"}), in JUnit's order for them
     *         ({@link Order @Order}: one per exercise group in group order, then those whose tests belong to
     *         several groups), classes of equal order by name
     */
    public static List<String> simpleNames() {
        return ALL;
    }

    /**
     * @param groups which exercise groups count, by number
     * @return the graded test classes of {@link #simpleNames()}, in that order, that have a graded test of a group
     *         {@code groups} accepts: {@code group -> group <= 7} is the chapter (its 100 points), {@code 8} the buffers
     */
    public static List<String> simpleNames(java.util.function.IntPredicate groups) {
        String prefix = GradedTests.GRADING_PACKAGE + ".";
        return ALL.stream().filter(name -> java.util.Arrays.stream(load(prefix + name).getDeclaredMethods())
                .map(m -> m.getAnnotation(Graded.class))
                .anyMatch(g -> g != null && groups.test(g.exercise().groupNumber()))).toList();
    }

    private static List<String> find() {
        List<Class<?>> classes = new ClassFileImporter().importPackages(GradedTests.GRADING_PACKAGE).stream()
                .filter(c -> c.getPackageName().equals(GradedTests.GRADING_PACKAGE) && c.isTopLevelClass()
                        && c.getSimpleName().endsWith("Test"))
                .filter(c -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(Graded.class)))
                .map(JavaClass::getName)
                .map(GradedTestClassList::load)
                .toList();
        List<String> names = classes.stream()
                .sorted(Comparator.comparingInt(GradedTestClassList::order).thenComparing(Class::getSimpleName))
                .map(Class::getSimpleName)
                .toList();
        if (names.isEmpty()) {
            throw new IllegalStateException("no graded test class (" + GradedTests.GRADING_PACKAGE
                    + ".*Test with a @Graded method) on the classpath: is graded-tests built?");
        }
        return names;
    }

    private static int order(Class<?> type) {
        Order order = type.getAnnotation(Order.class);
        return order == null ? Order.DEFAULT : order.value();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, GradedTestClassList.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a graded test class ArchUnit found cannot be loaded: " + name, e);
        }
    }
}
