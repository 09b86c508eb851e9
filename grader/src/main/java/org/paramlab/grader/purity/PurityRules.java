package org.paramlab.grader.purity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of the game, as ArchUnit rules over the student's compiled classes. Each is one graded
 * test of group 0 ({@code PurityTest}); the {@link PurityRule#blocking() blocking} ones also stop
 * every other graded test ({@link PurityGate}).
 *
 * <p>Blocking, because they endanger the grading itself: ending the JVM ({@code System.exit},
 * {@code Runtime.exit}, {@code Runtime.halt}), processes and native code, threads, executors and
 * parallel streams, reflection and class loading, and ONNX Runtime or the grader's own classes
 * (which hold the expected answers). Reported only: files, network, and anything outside
 * {@code java.base} and the given library ({@code org.paramlab.tensor}, {@code org.paramlab.exercise}).
 * Printing ({@code System.out.println}) is allowed: the notebook prints.
 */
public final class PurityRules {

    /** Packages of the given library that student code may use, besides its own. */
    static final List<String> GIVEN = List.of("org.paramlab.tensor", "org.paramlab.exercise");

    private static final Set<String> JAVA_BASE = ModuleLayer.boot().findModule("java.base")
            .map(m -> m.getDescriptor().exports().stream().filter(e -> !e.isQualified())
                    .map(e -> e.source()).collect(Collectors.toUnmodifiableSet()))
            .orElse(Set.of("java.lang", "java.util", "java.util.function", "java.util.stream", "java.math",
                    "java.text", "java.io"));

    private static final Set<String> FILE_CLASSES = Set.of("java.io.File", "java.io.FileDescriptor",
            "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.FileReader", "java.io.FileWriter",
            "java.io.RandomAccessFile", "java.io.FilePermission", "java.io.Console");
    private static final Pattern THREADING = Pattern.compile(
            ".*(Executor|Future|ForkJoin|Thread|Completion|Recursive|CountedCompleter|Callable).*");
    private static final Set<String> CLASS_REFLECTION = Set.of("forName", "getDeclaredMethod", "getDeclaredMethods",
            "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor", "getDeclaredConstructors", "getMethod",
            "getMethods", "getField", "getFields", "getConstructor", "getConstructors", "newInstance",
            "getClassLoader", "getResource", "getResourceAsStream", "getDeclaredClasses", "getEnclosingMethod",
            "getRecordComponents", "getPermittedSubclasses", "getNestMembers");

    private PurityRules() {
    }

    /**
     * @param studentPackage the student's package, for example {@code org.paramlab.nn}
     * @return every rule, the blocking ones first
     */
    public static List<PurityRule> all(String studentPackage) {
        return List.of(
                new PurityRule("no-exit", "no System.exit, Runtime.exit or Runtime.halt",
                        "ending the JVM would stop the grading part-way", true,
                        rule(noClasses().should().accessTargetWhere(target("System.exit, Runtime.exit or Runtime.halt",
                                (owner, name) -> owner.equals("java.lang.System") && name.equals("exit")
                                        || owner.equals("java.lang.Runtime")
                                        && (name.equals("exit") || name.equals("halt")))))),
                new PurityRule("no-processes", "no processes or native code (ProcessBuilder, Runtime.exec,"
                        + " System.load, System.loadLibrary)", "grading runs your Java code and nothing else", true,
                        rule(noClasses().should().dependOnClassesThat(named("ProcessBuilder, Process or ProcessHandle",
                                        c -> c.startsWith("java.lang.Process")))
                                .orShould().accessTargetWhere(target("Runtime.exec or loading native code",
                                        (owner, name) -> (owner.equals("java.lang.Runtime") || owner.equals("java.lang.System"))
                                                && (name.equals("exec") || name.startsWith("load")))))),
                new PurityRule("no-threads", "no threads, executors, timers or parallel streams",
                        "a thread would outlive the test that started it and confuse its timeout", true,
                        rule(noClasses().should().dependOnClassesThat(named("Thread, ThreadGroup, Timer or a"
                                        + " java.util.concurrent executor or future", PurityRules::threading))
                                .orShould().accessTargetWhere(target("parallelStream, parallel or Arrays.parallel*",
                                        (owner, name) -> name.equals("parallelStream")
                                                || owner.startsWith("java.util.stream.") && name.equals("parallel")
                                                || owner.equals("java.util.Arrays") && name.startsWith("parallel"))))),
                new PurityRule("no-reflection", "no reflection, method handles or class loading"
                        + " (java.lang.reflect, java.lang.invoke, Class.forName, getDeclared*, setAccessible, getResource)",
                        "reflection could reach into the grader and change its verdict", true,
                        rule(noClasses().should().dependOnClassesThat(named("java.lang.reflect, java.lang.invoke or"
                                        + " ClassLoader", c -> c.startsWith("java.lang.reflect.")
                                        || c.startsWith("java.lang.invoke.") || c.endsWith("ClassLoader")))
                                .orShould().accessTargetWhere(target("Class.forName, getDeclared*, getMethod,"
                                        + " getField, newInstance, getResource", (owner, name) ->
                                        owner.equals("java.lang.Class") && CLASS_REFLECTION.contains(name))))),
                new PurityRule("no-onnx-runtime", "no ONNX Runtime (ai.onnxruntime)",
                        "the reference models hold the expected answers; your code must compute them itself", true,
                        rule(noClasses().should().dependOnClassesThat(named("ai.onnxruntime",
                                c -> c.startsWith("ai.onnxruntime."))))),
                new PurityRule("no-grader", "no grader or test classes (org.paramlab.grader, org.paramlab.grading,"
                        + " JUnit, AssertJ, ArchUnit)", "the grader decides your marks; your code may not use it",
                        true, rule(noClasses().should().dependOnClassesThat(named("the grader or a test library",
                                c -> c.startsWith("org.paramlab.grader.") || c.startsWith("org.paramlab.grading.")
                                        || c.startsWith("org.junit.") || c.startsWith("org.assertj.")
                                        || c.startsWith("org.opentest4j.") || c.startsWith("com.tngtech."))))),
                new PurityRule("no-files", "no files (java.io.File, FileInputStream, FileWriter, ...,"
                        + " java.nio.file, java.nio.channels)", "a module computes from tensors, not from disk;"
                        + " printing with System.out is fine", false,
                        rule(noClasses().should().dependOnClassesThat(named("java.io file classes, java.nio.file or"
                                + " java.nio.channels", c -> FILE_CLASSES.contains(c)
                                || c.startsWith("java.nio.file.") || c.startsWith("java.nio.channels."))))),
                new PurityRule("no-network", "no network (java.net, javax.net)",
                        "grading must not depend on, or talk to, another machine", false,
                        rule(noClasses().should().dependOnClassesThat(named("java.net or javax.net",
                                c -> c.startsWith("java.net.") || c.startsWith("javax.net."))))),
                new PurityRule("java-base-only", "only java.base and the given library (" + String.join(", ", GIVEN)
                        + ", " + studentPackage + ")", "the template has no other library, and the grader"
                        + " must run your code as it is", false,
                        rule(classes().should().onlyDependOnClassesThat(allowed(studentPackage)))));
    }

    /** @return whether a class is one of the threading classes the {@code no-threads} rule bans */
    static boolean threading(String name) {
        if (name.equals("java.lang.Thread") || name.startsWith("java.lang.Thread$") || name.equals("java.lang.ThreadGroup")
                || name.equals("java.util.Timer") || name.equals("java.util.TimerTask")) {
            return true;
        }
        if (!name.startsWith("java.util.concurrent.") || name.indexOf('.', "java.util.concurrent.".length()) >= 0) {
            return false;
        }
        return THREADING.matcher(name.substring("java.util.concurrent.".length())).matches();
    }

    private static ArchRule rule(ArchRule rule) {
        return rule.allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaClass> named(String description, Predicate<String> className) {
        return DescribedPredicate.describe(description, c -> className.test(c.getBaseComponentType().getName()));
    }

    private interface Target {
        boolean test(String owner, String name);
    }

    private static DescribedPredicate<JavaAccess<?>> target(String description, Target target) {
        return DescribedPredicate.describe(description,
                access -> target.test(access.getTargetOwner().getName(), access.getName()));
    }

    private static DescribedPredicate<JavaClass> allowed(String studentPackage) {
        return DescribedPredicate.describe("are in java.base or the given library", c -> {
            JavaClass base = c.getBaseComponentType();
            if (base.isPrimitive()) {
                return true;
            }
            String pkg = base.getPackageName();
            if (JAVA_BASE.contains(pkg) || pkg.equals(studentPackage) || pkg.startsWith(studentPackage + ".")) {
                return true;
            }
            return GIVEN.stream().anyMatch(g -> pkg.equals(g) || pkg.startsWith(g + "."));
        });
    }
}
