package org.paramlab.grader.purity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.paramlab.grader.fixtures.impure.ImpureModule;
import org.paramlab.grader.fixtures.pure.PrintingModule;

/** Every rule catches its violation in a fixture package and names the class, the call and the rule. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PurityRulesTest {

    private static final String IMPURE = ImpureModule.class.getName();

    static PurityVerdict verdictOf(Class<?> anchor) {
        // As the grader reads the student's classes: the JDK's own classes are not imported (seconds on a busy machine).
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        JavaClasses classes = new ClassFileImporter().importPackages(anchor.getPackageName());
        return PurityVerdict.check(new StudentClasses(classes, List.of(), classes.size()), anchor.getPackageName());
    }

    @Test
    void everyRuleFindsItsViolationInTheImpureFixture() {
        PurityVerdict verdict = verdictOf(ImpureModule.class);
        Map<String, List<String>> byRule = verdict.violations().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().id(), Map.Entry::getValue));
        assertThat(byRule).containsOnlyKeys("no-exit", "no-processes", "no-threads", "no-reflection",
                "no-global-state", "no-grader", "no-files", "no-network", PurityRules.ALLOWED_ONLY);

        assertThat(byRule.get("no-exit")).anyMatch(v -> v.contains("<" + IMPURE + ".exit()> calls method"
                + " <java.lang.System.exit(int)>")).anyMatch(v -> v.contains("<java.lang.Runtime.halt(int)>"))
                .anyMatch(v -> v.contains("Runtime.addShutdownHook"));
        assertThat(byRule.get("no-processes")).anyMatch(v -> v.contains("java.lang.ProcessBuilder"));
        assertThat(byRule.get("no-threads")).anyMatch(v -> v.contains("<java.lang.Thread.start()>"))
                .anyMatch(v -> v.contains("java.util.concurrent.Executors.newFixedThreadPool"))
                .anyMatch(v -> v.contains("parallelStream()"))
                .anyMatch(v -> v.contains("StreamSupport.stream"))
                .anyMatch(v -> v.contains("ForkJoinPool.commonPool"))
                .anyMatch(v -> v.contains("java.lang.ref.Cleaner"))
                .anyMatch(v -> v.contains("ConcurrentHashMap.forEach(long"))
                .anyMatch(v -> v.contains("overrides finalize()"));
        assertThat(byRule.get("no-reflection")).anyMatch(v -> v.contains("java.lang.Class.getDeclaredField"))
                .anyMatch(v -> v.contains("setAccessible")).anyMatch(v -> v.contains("java.lang.Class.forName"))
                .anyMatch(v -> v.contains("java.lang.Class.getResourceAsStream"))
                .anyMatch(v -> v.contains("java.lang.Module.getResourceAsStream"))
                .anyMatch(v -> v.contains("java.util.ServiceLoader"))
                .anyMatch(v -> v.contains("<java.io.ObjectInputStream.readObject()>"))
                .anyMatch(v -> v.contains("java.lang.invoke.MethodHandles$Lookup.findClass"))
                .anyMatch(v -> v.contains("java.lang.reflect.Proxy.newProxyInstance"))
                .anyMatch(v -> v.contains(IMPURE + ".finder()>") && v.contains("java.lang.Class.forName"));
        assertThat(byRule.get("no-global-state")).anyMatch(v -> v.contains("java.lang.System.setProperty"))
                .anyMatch(v -> v.contains("java.lang.System.setOut"))
                .anyMatch(v -> v.contains("java.lang.System.getProperties"))
                .anyMatch(v -> v.contains("java.util.Locale.setDefault"))
                .anyMatch(v -> v.contains("java.lang.System.getLogger"));
        assertThat(byRule.get("no-grader")).anyMatch(v -> v.contains("org.paramlab.grader.protocol.Exercise"));
        assertThat(byRule.get("no-files")).anyMatch(v -> v.contains("java.io.File"))
                .anyMatch(v -> v.contains("java.nio.file.Files.readAllBytes"))
                .anyMatch(v -> v.contains("java.io.PrintStream.<init>(java.lang.String)"));
        assertThat(byRule.get("no-network")).anyMatch(v -> v.contains("java.net.URL"))
                .anyMatch(v -> v.contains("java.net.URI.create"));
        // The allow-list rule names what no other rule does, each class once.
        assertThat(byRule.get(PurityRules.ALLOWED_ONLY)).anyMatch(v -> v.contains("java.util.logging.Logger"))
                .anyMatch(v -> v.contains("java.nio.ByteBuffer.allocate")).anyMatch(v -> v.contains("java.util.Properties"))
                .anyMatch(v -> v.contains("java.util.Scanner")).anyMatch(v -> v.contains("java.util.concurrent.TimeUnit"))
                .anyMatch(v -> v.contains("java.util.concurrent.ConcurrentHashMap"))
                .noneMatch(v -> v.contains("java.io.PrintStream")).noneMatch(v -> v.contains("java.io.ObjectInputStream"))
                .noneMatch(v -> v.contains("java.net.")).noneMatch(v -> v.contains("java.lang.Thread"))
                .noneMatch(v -> v.contains("java.lang.reflect")).noneMatch(v -> v.contains("org.paramlab.grader.protocol.Exercise"));
        assertThat(verdict.refusal()).get().asString().startsWith("not run: your code in "
                + ImpureModule.class.getPackageName() + " breaks 9 rules of group 0");
    }

    @Test
    void aViolationMessageNamesTheRuleWhyAndEachCall() {
        PurityVerdict verdict = verdictOf(ImpureModule.class);
        PurityRule exit = verdict.violations().keySet().stream().filter(r -> r.id().equals("no-exit")).findFirst()
                .orElseThrow();
        String message = exit.describe(verdict.violationsOf("no-exit"));
        assertThat(verdict.violationsOf("no-network")).isNotEmpty();
        assertThat(verdict.violationsOf("no-onnx-runtime")).isEmpty();
        assertThat(message).startsWith("rule broken: no System.exit, Runtime.exit, Runtime.halt or shutdown hooks"
                + " (ending the JVM, or running code as it ends, would stop or outlive the grading). No other graded"
                + " test runs until it holds. 3 violations:\n  - ");
        assertThat(message).contains("ImpureModule.java:");
    }

    @Test
    void everydayJavaIsPure() {
        PurityVerdict verdict = verdictOf(PrintingModule.class);
        assertThat(verdict.classCount()).isPositive();
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.refusal()).isEmpty();
    }

    @Test
    void theCompiledFilesRuleComesFirstAndFailsClosed() {
        List<PurityRule> rules = PurityVerdict.rules("org.paramlab.nn");
        assertThat(rules.get(0).id()).isEqualTo(PurityRules.YOUR_FILES_ONLY);
        assertThat(rules).extracting(r -> r.exercise().id()).containsOnly("0.1", "0.2");
        JavaClasses none = new ClassFileImporter().importClasses();
        PurityVerdict verdict = PurityVerdict.check(new StudentClasses(none, List.of("x.class cannot be read"),
                1), "org.paramlab.nn");
        assertThat(verdict.violationsOf(PurityRules.YOUR_FILES_ONLY)).containsExactly("x.class cannot be read");
        assertThat(verdict.refusal()).isPresent();
    }

    @Test
    void onlyTheConcurrencyClassesThatRunCodeAreThreading() {
        assertThat(PurityRules.threading("java.lang.Thread")).isTrue();
        assertThat(PurityRules.threading("java.util.concurrent.CompletableFuture")).isTrue();
        assertThat(PurityRules.threading("java.util.concurrent.ForkJoinPool")).isTrue();
        assertThat(PurityRules.threading("java.util.concurrent.SubmissionPublisher")).isTrue();
        assertThat(PurityRules.threading("java.util.concurrent.ThreadLocalRandom")).isTrue();
        assertThat(PurityRules.threading("java.lang.ref.Cleaner")).isTrue();
        assertThat(PurityRules.threading("java.util.concurrent.ConcurrentHashMap")).isFalse();
        assertThat(PurityRules.threading("java.util.concurrent.ConcurrentHashMap$KeySetView")).isFalse();
        assertThat(PurityRules.threading("java.util.concurrent.atomic.AtomicInteger")).isFalse();
        assertThat(PurityRules.threading("java.lang.ThreadLocal")).isFalse();
    }
}
