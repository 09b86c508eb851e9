package org.paramlab.grader.purity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.fixtures.impure.ImpureModule;
import org.paramlab.grader.fixtures.pure.PrintingModule;

/** Every rule catches its violation in a fixture package and names the class, the call and the rule. */
class PurityRulesTest {

    private static final String IMPURE = ImpureModule.class.getName();

    @Test
    void everyRuleFindsItsViolationInTheImpureFixture() {
        PurityVerdict verdict = PurityVerdict.of(IMPURE);
        assertThat(verdict.problem()).isNull();
        Map<String, List<String>> byRule = verdict.violations().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().id(), Map.Entry::getValue));
        assertThat(byRule).containsOnlyKeys("no-exit", "no-processes", "no-threads", "no-reflection", "no-grader",
                "no-files", "no-network", "java-base-only");

        assertThat(byRule.get("no-exit")).anyMatch(v -> v.contains("<" + IMPURE + ".exit()> calls method"
                + " <java.lang.System.exit(int)>")).anyMatch(v -> v.contains("<java.lang.Runtime.halt(int)>"));
        assertThat(byRule.get("no-processes")).anyMatch(v -> v.contains("java.lang.ProcessBuilder"));
        assertThat(byRule.get("no-threads")).anyMatch(v -> v.contains("<java.lang.Thread.start()>"))
                .anyMatch(v -> v.contains("java.util.concurrent.Executors.newFixedThreadPool"))
                .anyMatch(v -> v.contains("parallelStream()"));
        assertThat(byRule.get("no-reflection")).anyMatch(v -> v.contains("java.lang.Class.getDeclaredField"))
                .anyMatch(v -> v.contains("setAccessible")).anyMatch(v -> v.contains("java.lang.Class.forName"));
        assertThat(byRule.get("no-grader")).anyMatch(v -> v.contains("org.paramlab.grader.Exercise"));
        assertThat(byRule.get("no-files")).anyMatch(v -> v.contains("java.io.File"))
                .anyMatch(v -> v.contains("java.nio.file.Files.readAllBytes"));
        assertThat(byRule.get("no-network")).anyMatch(v -> v.contains("java.net.URL"));
        assertThat(byRule.get("java-base-only")).anyMatch(v -> v.contains("java.util.logging.Logger"))
                .noneMatch(v -> v.contains("java.io.PrintStream"));
        assertThat(verdict.blocking().keySet()).extracting(PurityRule::id)
                .containsExactly("no-exit", "no-processes", "no-threads", "no-reflection", "no-grader");
    }

    @Test
    void aViolationMessageNamesTheRuleWhyAndEachCall() {
        PurityVerdict verdict = PurityVerdict.of(IMPURE);
        PurityRule exit = verdict.violations().keySet().stream().filter(r -> r.id().equals("no-exit")).findFirst()
                .orElseThrow();
        String message = exit.describe(verdict.violationsOf("no-exit"));
        assertThat(verdict.violationsOf("no-network")).isNotEmpty();
        assertThat(verdict.violationsOf("no-onnx-runtime")).isEmpty();
        assertThat(message).startsWith("rule broken: no System.exit, Runtime.exit or Runtime.halt (ending the JVM"
                + " would stop the grading part-way). This rule protects the grading itself, so no other graded test"
                + " runs until it holds. 2 violations:\n  - ");
        assertThat(message).contains("ImpureModule.java:");
    }

    @Test
    void printingGetClassAndStringsArePure() {
        PurityVerdict verdict = PurityVerdict.of(PrintingModule.class.getName());
        assertThat(verdict.problem()).isNull();
        assertThat(verdict.classCount()).isPositive();
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.refusal()).isEmpty();
    }

    @Test
    void aMissingStudentClassIsAProblemNotAVerdict() {
        PurityVerdict verdict = PurityVerdict.of("org.paramlab.nowhere.Module");
        assertThat(verdict.problem()).isEqualTo("cannot find the student's class org.paramlab.nowhere.Module on the"
                + " classpath");
        assertThat(verdict.refusal()).isEmpty();
    }

    @Test
    void onlyTheConcurrencyClassesThatRunCodeAreThreading() {
        assertThat(PurityRules.threading("java.lang.Thread")).isTrue();
        assertThat(PurityRules.threading("java.util.concurrent.CompletableFuture")).isTrue();
        assertThat(PurityRules.threading("java.util.concurrent.ForkJoinPool")).isTrue();
        assertThat(PurityRules.threading("java.util.concurrent.ConcurrentHashMap")).isFalse();
        assertThat(PurityRules.threading("java.util.concurrent.atomic.AtomicInteger")).isFalse();
        assertThat(PurityRules.threading("java.lang.ThreadLocal")).isFalse();
    }
}
