package org.paramlab.grader.broken;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Measures the grader against {@link ContractSubmissions}: grades each one with every graded test
 * ({@link SubmissionGrader#CHAPTER}) and says whether the grader caught it in its own exercise,
 * only in other exercises, or not at all. Writes {@code <build dir>/contract-survey.md} and prints the
 * totals. Each submission also runs its witness ({@code org.paramlab.grader.broken.witness.ContractWitnesses}), a
 * small check of the promise it breaks, which the solutions must pass and the submission must fail: so
 * no submission is an equivalent mutant. Not a check of the grader (it passes whatever the grader
 * misses, as long as every submission applies, compiles and fails its witness), so its name does not
 * end in {@code Test} and Surefire runs it only when asked (a few minutes):
 * <pre>
 * ./mvnw -q -B -Psolutions -pl grader -am test -Dtest=ContractSurvey -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Isolated
class ContractSurvey {

    /** What the grader did with one broken submission. */
    enum Verdict {
        /** It lost points in a test of the exercise its defect is in. */
        CAUGHT("caught"),
        /** It lost points, but only in tests of other exercises. */
        WRONG_EXERCISE("wrong exercise"),
        /** It kept every point. */
        MISSED("missed");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * Classifies how {@code grading} treated {@code broken}: {@link Verdict#CAUGHT} when a failed test
     * belongs to {@code broken.exercise()}, {@link Verdict#WRONG_EXERCISE} when tests failed but none of
     * that exercise, {@link Verdict#MISSED} when no graded test failed (full marks).
     */
    static Verdict classify(BrokenSubmission broken, SubmissionGrader.Grading grading) {
        List<String> failed = grading.failed();
        if (failed.isEmpty()) {
            return Verdict.MISSED;
        }
        boolean own = failed.stream()
                .anyMatch(test -> grading.outcomes().get(test).exercise().equals(broken.exercise()));
        return own ? Verdict.CAUGHT : Verdict.WRONG_EXERCISE;
    }

    /**
     * One graded submission.
     *
     * @param witness why the submission's witness ({@code ContractWitnesses}) failed, or {@code null}
     *                when it passed: then the submission may be an equivalent mutant
     */
    record Row(BrokenSubmission broken, Verdict verdict, double earned, double points, List<String> failed,
               String witness) {
    }

    /** The witnesses: one static method per submission, named after its id in camelCase. */
    static final String WITNESSES = SubmissionGrader.WITNESS_PACKAGE + ".ContractWitnesses";

    /** {@code "relu-multiplies-by-a-mask"} -> {@code "reluMultipliesByAMask"}. */
    static String witnessName(String id) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : id.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /**
     * Runs witness {@code name} against {@code classes}, linked as the graded tests are.
     *
     * @return why it failed (the first line of the exception), or {@code null} if it passed
     */
    static String runWitness(Map<String, byte[]> classes, String name) {
        SubmissionGrader.SubmissionLoader loader = new SubmissionGrader.SubmissionLoader(classes,
                SubmissionGrader.class.getClassLoader());
        java.lang.reflect.Method method;
        try {
            method = loader.load(WITNESSES).getDeclaredMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ContractWitnesses has no witness " + name + "()", e);
        }
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "witness " + name);
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        try {
            thread.submit(() -> method.invoke(null)).get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.lang.reflect.InvocationTargetException ite
                    ? ite.getCause() : e.getCause();
            String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return message.strip().lines().map(String::strip).filter(l -> !l.isEmpty())
                    .reduce((a, b) -> a + " " + b).orElse(message);
        } catch (java.util.concurrent.TimeoutException e) {
            return "did not end within 30 s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            thread.shutdownNow();
        }
    }

    /** Grades every submission of {@code submissions}, in order. */
    static List<Row> survey(List<BrokenSubmission> submissions, Map<String, String> solutions) {
        Map<String, Map<String, byte[]>> compiled = compileAll(submissions, solutions);
        List<Row> rows = new ArrayList<>();
        for (BrokenSubmission broken : submissions) {
            Map<String, byte[]> classes = compiled.get(broken.id());
            SubmissionGrader.Grading grading = SubmissionGrader.grade(classes, broken.groups());
            rows.add(new Row(broken, classify(broken, grading), grading.earned(), grading.points(), grading.failed(),
                    runWitness(classes, witnessName(broken.id()))));
        }
        return rows;
    }

    /**
     * Applies and compiles every submission before grading any, so that a stale find or a compile
     * error is reported at once, for all of them.
     *
     * @return the class files of each submission, by id
     * @throws AssertionError naming every submission that does not apply or compile
     */
    static Map<String, Map<String, byte[]>> compileAll(List<BrokenSubmission> submissions, Map<String, String> solutions) {
        Map<String, Map<String, byte[]>> compiled = new java.util.LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (BrokenSubmission broken : submissions) {
            try {
                compiled.put(broken.id(), SubmissionGrader.compile(broken.apply(solutions)));
            } catch (IllegalStateException e) {
                errors.add(broken.id() + ": " + e.getMessage());
            }
        }
        assertThat(errors).as("submissions that do not apply or do not compile").isEmpty();
        return compiled;
    }

    /** The Markdown report: one row per submission, then the totals. */
    static List<String> report(String title, List<Row> rows) {
        List<String> lines = new ArrayList<>(List.of("# " + title, "",
                "| submission | exercise | defect | points kept | verdict | graded tests failed | its witness |",
                "| --- | --- | --- | --- | --- | --- | --- |"));
        for (Row row : rows) {
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s/%s | %s | %s | %s |", row.broken().id(),
                    row.broken().exercise(), cell(row.broken().defect()), points(row.earned()),
                    points(row.points()), row.verdict().label(), String.join(", ", row.failed()),
                    row.witness() == null ? "PASSED: an equivalent mutant?" : cell("fails: " + row.witness())));
        }
        lines.add("");
        lines.add(totals(rows));
        return lines;
    }

    /** {@code caught 3, wrong exercise 1, missed 28 of 32}. */
    static String totals(List<Row> rows) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        rows.forEach(row -> counts.merge(row.verdict(), 1, Integer::sum));
        return String.format(Locale.ROOT, "Totals: caught %d, wrong exercise %d, missed %d of %d.",
                counts.get(Verdict.CAUGHT), counts.get(Verdict.WRONG_EXERCISE), counts.get(Verdict.MISSED), rows.size());
    }

    /** Grades every submission in one test: minutes, not the 10 s every other test gets. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void surveyTheContractSubmissions() throws IOException {
        Map<String, String> solutions = SubmissionGrader.solutionSources();
        List<BrokenSubmission> submissions = ContractSubmissions.all();
        assertThat(submissions.stream().map(BrokenSubmission::id).distinct()).as("ids are unique")
                .hasSameSizeAs(submissions);

        Map<String, byte[]> solutionClasses = SubmissionGrader.compile(solutions);
        SubmissionGrader.Grading unchanged = SubmissionGrader.grade(solutionClasses, SubmissionGrader.CHAPTER);
        assertThat(unchanged.failed()).as("graded tests the unchanged solutions fail").isEmpty();
        List<String> solutionsFail = new ArrayList<>();
        for (BrokenSubmission broken : submissions) {
            String why = runWitness(solutionClasses, witnessName(broken.id()));
            if (why != null) {
                solutionsFail.add(witnessName(broken.id()) + ": " + why);
            }
        }
        assertThat(solutionsFail).as("witnesses the unchanged solutions fail").isEmpty();

        List<Row> rows = survey(submissions, solutions);
        List<String> lines = report("Contract submissions graded by today's grader", rows);
        Files.write(buildDir().resolve("contract-survey.md"), lines, StandardCharsets.UTF_8);
        System.out.println(String.join("\n", lines));
        System.out.println(totals(rows));
        assertThat(rows.stream().filter(row -> row.witness() == null).map(row -> row.broken().id()))
                .as("submissions whose witness passes: equivalent mutants, or a witness that checks too little")
                .isEmpty();
    }

    private static String cell(String text) {
        String flat = text.replace("|", "\\|").replace("\n", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    /** {@code grader/<build dir>}: the parent of the test classes' folder. */
    private static Path buildDir() {
        try {
            Path classes = Path.of(ContractSurvey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
