package org.paramlab.grader.purity;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;

/**
 * What the {@link PurityRules} say about the student's classes: the violations of each rule, or why
 * the classes could not be checked. Computed once per JVM and anchor class, then cached.
 *
 * <p>The student's classes are the package of an anchor class (by default {@value #DEFAULT_ANCHOR}),
 * imported from where that class was loaded (the {@code exercises/} or {@code solutions/} classes),
 * so that nothing else in the package on the classpath counts.
 *
 * @param studentPackage the package checked
 * @param violations     the violations of each rule that is broken, in rule order
 * @param problem        why the classes could not be checked, or {@code null}
 * @param classCount     how many classes were checked
 */
public record PurityVerdict(String studentPackage, Map<PurityRule, List<String>> violations, String problem,
                            int classCount) {

    /** The class whose package and location are the student's code. */
    public static final String DEFAULT_ANCHOR = "org.paramlab.nn.Module";
    /** The JUnit configuration parameter that names another anchor class (the grader's self-tests use it). */
    public static final String ANCHOR_PARAMETER = "paramlab.purity.anchor";

    private static final Map<String, CompletableFuture<PurityVerdict>> CACHE = new ConcurrentHashMap<>();

    /** Copies the map. */
    public PurityVerdict {
        violations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(violations));
    }

    /**
     * @param anchor a class of the student's package, by name
     * @return the verdict on that package, computed on the first call
     */
    public static PurityVerdict of(String anchor) {
        CompletableFuture<PurityVerdict> verdict = CACHE.computeIfAbsent(anchor,
                a -> CompletableFuture.completedFuture(checkSafely(a)));
        return verdict.join();
    }

    /**
     * Starts computing the verdict on the default anchor in a background (daemon) thread, so that
     * loading ArchUnit overlaps with the test JVM's other start-up work; {@link #of} then waits for it.
     * The grading listener calls it when a run starts.
     */
    public static void prefetch() {
        CACHE.computeIfAbsent(DEFAULT_ANCHOR, a -> {
            CompletableFuture<PurityVerdict> future = new CompletableFuture<>();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Thread thread = new Thread(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                future.complete(checkSafely(a));
            }, "paramlab-purity");
            thread.setDaemon(true);
            thread.start();
            return future;
        });
    }

    private static PurityVerdict checkSafely(String anchor) {
        try {
            return check(anchor);
        } catch (RuntimeException | LinkageError e) {
            String studentPackage = anchor.contains(".") ? anchor.substring(0, anchor.lastIndexOf('.')) : "";
            return new PurityVerdict(studentPackage, Map.of(), "cannot check the student's classes: " + e, 0);
        }
    }

    /** @return the rules broken that stop the other graded tests, with their violations */
    public Map<PurityRule, List<String>> blocking() {
        Map<PurityRule, List<String>> blocking = new LinkedHashMap<>();
        violations.forEach((rule, list) -> {
            if (rule.blocking()) {
                blocking.put(rule, list);
            }
        });
        return blocking;
    }

    /**
     * @param ruleId a rule's {@link PurityRule#id() id}, for example {@code "no-exit"}
     * @return its violations, empty when it holds
     */
    public List<String> violationsOf(String ruleId) {
        for (Map.Entry<PurityRule, List<String>> entry : violations.entrySet()) {
            if (entry.getKey().id().equals(ruleId)) {
                return entry.getValue();
            }
        }
        return List.of();
    }

    /** @return the explanation for a graded test that the gate refuses to run, if it does */
    public Optional<String> refusal() {
        Map<PurityRule, List<String>> blocking = blocking();
        if (blocking.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("not run: your code in ").append(studentPackage)
                .append(" breaks ").append(blocking.size() == 1 ? "a rule that protects" : blocking.size() + " rules that protect")
                .append(" the grading itself, so no graded test of the exercises runs until ")
                .append(blocking.size() == 1 ? "it holds" : "they hold")
                .append(" (see exercise 0.1, `mvn test -Dexercise=0`):");
        blocking.forEach((rule, list) -> {
            text.append("\n- ").append(rule.title()).append(": ").append(list.get(0));
            if (list.size() > 1) {
                text.append(" (and ").append(list.size() - 1).append(" more)");
            }
        });
        return Optional.of(text.toString());
    }

    private static PurityVerdict check(String anchor) {
        String studentPackage = anchor.contains(".") ? anchor.substring(0, anchor.lastIndexOf('.')) : "";
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = PurityVerdict.class.getClassLoader();
        }
        URL url = loader.getResource(anchor.replace('.', '/') + ".class");
        if (url == null) {
            return new PurityVerdict(studentPackage, Map.of(), "cannot find the student's class " + anchor
                    + " on the classpath", 0);
        }
        String packageUri;
        try {
            String classUri = url.toURI().toString();
            packageUri = classUri.substring(0, classUri.lastIndexOf('/') + 1);
        } catch (URISyntaxException e) {
            return new PurityVerdict(studentPackage, Map.of(), "cannot locate " + url + ": " + e.getMessage(), 0);
        }
        // The rules look only at the names of what the student's classes use: importing those classes
        // themselves (the JDK's, the library's) would cost a second of every student's mvn test.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        // Only the anchor's folder (or jar folder): scanning the whole classpath for the package would
        // read every jar, ONNX Runtime's included.
        JavaClasses classes = new ClassFileImporter().importLocations(List.of(Location.of(URI.create(packageUri))));
        if (classes.isEmpty()) {
            return new PurityVerdict(studentPackage, Map.of(), "found no class of " + studentPackage + " under "
                    + packageUri, 0);
        }
        Map<PurityRule, List<String>> violations = new LinkedHashMap<>();
        for (PurityRule rule : PurityRules.all(studentPackage)) {
            List<String> found = new ArrayList<>(rule.violations(classes));
            if (!found.isEmpty()) {
                violations.put(rule, found);
            }
        }
        return new PurityVerdict(studentPackage, violations, null, classes.size());
    }
}
