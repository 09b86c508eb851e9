package org.paramlab.grader.promises;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.Graded;
import org.paramlab.grader.GradedTestClassList;
import org.paramlab.grader.promises.JavadocPromises.Promise;

/**
 * The javadoc-to-test map: every sentence of the student API's javadoc that promises behaviour (each
 * {@code @throws}, each "nothing changes", each "accepts", each "names the ...", each "the same
 * object") has a row in {@code grader/javadoc-promises.md} naming the tests that check it, and those
 * tests exist. A promise of an exercise's method must be checked by a graded test of that exercise; a
 * promise of given code may be checked by {@code GivenCodeTest}; a class's own comment by any graded
 * test.
 *
 * <p>When the javadoc changes, this test fails and writes the map as it should now read to
 * {@code grader/target/javadoc-promises.md}, the tests of unchanged rows kept and new rows marked
 * {@code **none**}: fill those in and copy the file over the committed one.
 */
class JavadocPromisesTest {

    /** The graded test classes, found as the grader finds them. */
    private static final List<String> GRADED = GradedTestClassList.simpleNames();

    private static final String GIVEN_TESTS = "org.paramlab.grader.GivenCodeTest";

    private static final String NONE = "**none**";

    private static final Pattern CELL = Pattern.compile("(?<!\\\\)\\|");

    @Test
    void everyPromiseOfTheStudentApiHasATestInItsExercise() throws IOException {
        Path root = repositoryRoot();
        List<Promise> promises = JavadocPromises.read(root.resolve("exercises/src/main/java/org/paramlab/nn"));
        Path committed = root.resolve("grader/javadoc-promises.md");
        Map<String, List<String>> tests = readMap(committed);
        Map<String, String> graded = gradedTests();
        Set<String> given = givenTests();

        List<String> problems = new ArrayList<>();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (Promise p : promises) {
            String key = key(p.member(), p.text());
            List<String> checkedBy = tests.getOrDefault(key, List.of());
            rows.put(key, checkedBy);
            if (checkedBy.isEmpty()) {
                problems.add("no test checks " + p.member() + ": " + p.text());
                continue;
            }
            for (String test : checkedBy) {
                if (!graded.containsKey(test) && !given.contains(test)) {
                    problems.add(p.member() + ": no graded test or GivenCodeTest method " + test);
                }
            }
            if (p.exercise() == null && checkedBy.stream().noneMatch(graded::containsKey)) {
                problems.add(p.member() + " (class comment): no graded test among " + checkedBy);
            } else if (p.exercise() != null && !p.exercise().equals("given")
                    && checkedBy.stream().noneMatch(t -> p.exercise().equals(graded.get(t)))) {
                problems.add(p.member() + " is exercise " + p.exercise() + ", but none of " + checkedBy
                        + " is graded in exercise " + p.exercise() + ": " + p.text());
            }
        }
        for (String key : tests.keySet()) {
            if (!rows.containsKey(key)) {
                problems.add("the map has a row for a sentence the javadoc no longer has: " + key.replace("\n", ": "));
            }
        }
        String expected = render(promises, rows);
        Path proposed = buildDir().resolve("javadoc-promises.md");
        Files.writeString(proposed, expected, StandardCharsets.UTF_8);
        String actual = Files.isRegularFile(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        if (!expected.equals(actual)) {
            problems.add("grader/javadoc-promises.md is not the map of the current javadoc: see " + proposed
                    + " (fill in every " + NONE + ", then copy it over)");
        }
        assertThat(problems).as(promises.size() + " promises in the student API's javadoc").isEmpty();
    }

    @Test
    void theExtractorFindsEachKindOfPromise() {
        List<Promise> promises = JavadocPromises.read(repositoryRoot().resolve("exercises/src/main/java/org/paramlab/nn"));
        assertThat(promises).anySatisfy(p -> {
            assertThat(p.member()).isEqualTo("Module.loadStateDict(Map)");
            assertThat(p.kinds()).contains(JavadocPromises.Kind.THROWS, JavadocPromises.Kind.NOTHING);
            assertThat(p.exercise()).isEqualTo("2.5");
        });
        assertThat(promises).anySatisfy(p -> {
            assertThat(p.member()).isEqualTo("Init.kaimingUniform_(Tensor, double, String, String)");
            assertThat(p.kinds()).contains(JavadocPromises.Kind.ACCEPTS);
        });
        assertThat(promises).anySatisfy(p -> {
            assertThat(p.member()).isEqualTo("Module.getParameter(String)");
            assertThat(p.kinds()).contains(JavadocPromises.Kind.SAME_OBJECT);
        });
        assertThat(promises).anySatisfy(p -> {
            assertThat(p.member()).isEqualTo("Linear.forward(Tensor)");
            assertThat(p.kinds()).contains(JavadocPromises.Kind.NAMES);
        });
        assertThat(promises).noneSatisfy(p -> assertThat(p.text()).contains("<pre>"));
    }

    /** {@code "Class.method"} of every graded test, with its exercise id. */
    private static Map<String, String> gradedTests() {
        Map<String, String> tests = new LinkedHashMap<>();
        for (String simple : GRADED) {
            for (Method m : load("org.paramlab.grading." + simple).getDeclaredMethods()) {
                Graded graded = m.getAnnotation(Graded.class);
                if (graded != null) {
                    tests.put(simple + "." + m.getName(), graded.exercise().id());
                }
            }
        }
        return tests;
    }

    private static Set<String> givenTests() {
        Set<String> tests = new LinkedHashSet<>();
        for (Method m : load(GIVEN_TESTS).getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class)) {
                tests.add("GivenCodeTest." + m.getName());
            }
        }
        return tests;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, JavadocPromisesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String member, String text) {
        return member + "\n" + text;
    }

    /** The committed map: for each (member, promise) row, the tests it names. */
    static Map<String, List<String>> readMap(Path file) throws IOException {
        Map<String, List<String>> tests = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return tests;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = CELL.split(line.substring(1, line.length() - 1), -1);
            if (cells.length != 5) {
                throw new IllegalStateException(file + ": a row needs 5 cells (where, exercise, kinds, promise, "
                        + "checked by): " + line);
            }
            String member = cells[0].strip().replaceAll("^`|`$", "");
            String text = cells[3].strip().replace("\\|", "|");
            List<String> checkedBy = new ArrayList<>();
            for (String t : cells[4].split(",")) {
                String test = t.strip().replaceAll("^`|`$", "");
                if (!test.isEmpty() && !test.equals(NONE)) {
                    checkedBy.add(test);
                }
            }
            tests.put(key(member, text), checkedBy);
        }
        return tests;
    }

    static String render(List<Promise> promises, Map<String, List<String>> rows) {
        long tested = promises.stream().filter(p -> !rows.getOrDefault(key(p.member(), p.text()), List.of()).isEmpty())
                .count();
        StringBuilder sb = new StringBuilder();
        sb.append("# The student API's promises and the tests that check them\n\n");
        sb.append("Every sentence of the student API's javadoc (`exercises/src/main/java/org/paramlab/nn`) that promises\n")
                .append("behaviour a test can check: each `@throws`, each \"nothing changes\" (nothing is copied, drawn,\n")
                .append("printed; something is left alone), each \"accepts\", each \"names the ...\", each \"the same\n")
                .append("object\" (itself, not a copy). `JavadocPromisesTest` reads the javadoc with the JDK's doc-comment\n")
                .append("API and fails when a promise has no row here, a row names no test or a test that does not exist,\n")
                .append("or the promise of an exercise's method is not checked by a graded test of that exercise. Given\n")
                .append("code (not written by students) may be checked by `GivenCodeTest`; a class's own comment by any\n")
                .append("graded test. When the javadoc changes, the test writes this file as it should now read to\n")
                .append("`grader/target/javadoc-promises.md`.\n\n");
        sb.append("**").append(promises.size()).append(" promises, ").append(tested).append(" checked.**\n\n");
        sb.append("| where | exercise | kinds | promise | checked by |\n");
        sb.append("| --- | --- | --- | --- | --- |\n");
        for (Promise p : promises) {
            List<String> tests = rows.getOrDefault(key(p.member(), p.text()), List.of());
            sb.append("| `").append(p.member()).append("` | ")
                    .append(p.exercise() == null ? "class" : p.exercise()).append(" | ")
                    .append(p.kindWords()).append(" | ")
                    .append(p.text().replace("|", "\\|")).append(" | ")
                    .append(tests.isEmpty() ? NONE : String.join(", ", tests.stream().map(t -> "`" + t + "`").toList()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** The repository root: the folder above that has {@code exercises/} and {@code grader/}. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("exercises/src/main/java/org/paramlab/nn"))
                    && Files.isDirectory(dir.resolve("grader"))) {
                return dir;
            }
        }
        throw new IllegalStateException("the repository root (with exercises/ and grader/) is not above "
                + Path.of("").toAbsolutePath());
    }

    private static Path buildDir() {
        try {
            Path classes = Path.of(JavadocPromisesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
