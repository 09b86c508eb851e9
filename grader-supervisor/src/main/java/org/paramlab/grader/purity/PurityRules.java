package org.paramlab.grader.purity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.paramlab.grader.protocol.Exercise;

/**
 * The rules of the game, as ArchUnit rules over every class compiled from the student's files. Each is
 * one 0-point test of group 0 (0.1: the rules that keep the grading safe; 0.2: pure Java), and every one
 * of them is a gate: while one is broken, no other graded test runs ({@link PurityVerdict#refusal()}).
 *
 * <p>What they refuse, and why: ending the JVM or adding shutdown hooks; processes and native code;
 * threads in any form (executors, timers, parallel streams, {@code Cleaner}, finalizers); reflection,
 * method handles, class loading, deserialization and reading resources (the grader's classes and the
 * references are on the same JVM); changing the JVM's settings ({@code System.setProperty}, {@code setOut},
 * {@code Locale.setDefault}, ...); ONNX Runtime and the grader's own classes; files, the network; and,
 * last, every class that is not on the allow-list ({@link AllowedClasses}), the given library
 * ({@code org.paramlab.tensor}, {@code org.paramlab.exercise}) or the student's package. A few classes are
 * allowed member by member ({@code System}, {@code Runtime}, {@code Class}): printing
 * ({@code System.out.println}), {@code System.nanoTime}, {@code getClass().getSimpleName()} and the like
 * stay allowed. Each refused class is named by one rule: the allow-list rule leaves to the others what they
 * name. The compiled files themselves are checked by {@link StudentClasses} (rule {@value #YOUR_FILES_ONLY}).
 *
 * <p>What the rules cannot see: the bootstrap methods of {@code invokedynamic}. ArchUnit reads a lambda, a
 * method reference, a string concatenation or a record's {@code equals} as what javac compiled it from, and
 * only javac's own bootstraps can be in the student's classes: {@link StudentClasses} refuses a class file
 * that javac did not compile from the student's sources.
 */
public final class PurityRules {

    /** The rule checked on the compiled files rather than on what they call ({@link StudentClasses}). */
    public static final String YOUR_FILES_ONLY = "your-files-only";

    /** The allow-list rule: every class the student's code uses is on {@link AllowedClasses}' list. */
    public static final String ALLOWED_ONLY = "allowed-classes-only";

    /** Packages of the given library that student code may use, besides its own. */
    static final List<String> GIVEN = List.of("org.paramlab.tensor", "org.paramlab.exercise");

    private static final Set<String> FILE_CLASSES = Set.of("java.io.File", "java.io.FileDescriptor",
            "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.FileReader", "java.io.FileWriter",
            "java.io.RandomAccessFile", "java.io.FilePermission", "java.io.Console", "java.util.zip.ZipFile",
            "java.util.jar.JarFile");
    /** Classes whose constructors taking a {@code String} open the file of that name. */
    private static final Set<String> FILE_NAME_CONSTRUCTORS = Set.of("java.io.PrintStream", "java.io.PrintWriter",
            "java.util.Formatter");
    /** The members of {@code java.lang.System} student code may use. */
    private static final Set<String> SYSTEM_ALLOWED = Set.of("out", "err", "in", "currentTimeMillis", "nanoTime",
            "arraycopy", "identityHashCode", "lineSeparator", "getProperty", "getenv", "gc");
    /** The members of {@code java.lang.Runtime} student code may use. */
    private static final Set<String> RUNTIME_ALLOWED = Set.of("getRuntime", "availableProcessors", "freeMemory",
            "totalMemory", "maxMemory", "gc", "version");
    /** Members of System and Runtime that other rules already name. */
    private static final Set<String> NAMED_ELSEWHERE = Set.of("exit", "halt", "exec", "load", "loadLibrary",
            "mapLibraryName", "addShutdownHook", "removeShutdownHook");
    /** The members of {@code java.lang.Class} student code may use: names and type tests, nothing reflective. */
    private static final Set<String> CLASS_ALLOWED = Set.of("getName", "getSimpleName", "getTypeName",
            "getCanonicalName", "getPackageName", "isInstance", "cast", "isArray", "isPrimitive", "isInterface",
            "isEnum", "isRecord", "isAssignableFrom", "getComponentType", "componentType", "arrayType",
            "getSuperclass", "toString", "toGenericString", "hashCode", "equals", "desiredAssertionStatus",
            "isAnonymousClass", "isLocalClass", "isMemberClass", "isSealed", "isHidden", "isSynthetic",
            "getModifiers");
    /** Classes that change the JVM's global state or security, refused outright. */
    private static final Set<String> GLOBAL_STATE_CLASSES = Set.of("java.lang.SecurityManager",
            "java.security.Security", "java.security.Policy");

    private PurityRules() {
    }

    /**
     * @param studentPackage the student's package, for example {@code org.paramlab.nn}
     * @return every rule checked on what the student's classes use, 0.1's first
     */
    public static List<PurityRule> all(String studentPackage) {
        return List.of(
                rule("no-exit", Exercise.E0_1, "no System.exit, Runtime.exit, Runtime.halt or shutdown hooks",
                        "ending the JVM, or running code as it ends, would stop or outlive the grading",
                        noClasses().should().accessTargetWhere(target("System.exit, Runtime.exit, Runtime.halt or"
                                + " a shutdown hook", (owner, name, params) -> owner.equals("java.lang.System")
                                && name.equals("exit") || owner.equals("java.lang.Runtime") && (name.equals("exit")
                                || name.equals("halt") || name.endsWith("ShutdownHook"))))),
                rule("no-processes", Exercise.E0_1, "no processes or native code (ProcessBuilder, Runtime.exec,"
                        + " System.load, System.loadLibrary)", "grading runs your Java code and nothing else",
                        noClasses().should().dependOnClassesThat(named("ProcessBuilder, Process or ProcessHandle",
                                        PurityRules::processes))
                                .orShould().accessTargetWhere(target("Runtime.exec or loading native code",
                                        (owner, name, params) -> (owner.equals("java.lang.Runtime")
                                                || owner.equals("java.lang.System")) && (name.equals("exec")
                                                || name.startsWith("load") || name.equals("mapLibraryName"))))),
                rule("no-threads", Exercise.E0_1, "no threads: no Thread, executor, timer, parallel stream,"
                        + " Cleaner or finalize()", "code running in another thread would outlive the test that"
                        + " started it and escape its time limit",
                        noClasses().should().dependOnClassesThat(named("Thread, ThreadGroup, Timer, Cleaner, StreamSupport"
                                        + " or a java.util.concurrent executor, future or pool", PurityRules::threading))
                                .orShould().accessTargetWhere(target("a parallel stream, Arrays.parallel* or a"
                                        + " ConcurrentHashMap bulk operation (they run in the common ForkJoinPool)",
                                        PurityRules::parallel))
                                .orShould(declareFinalize())),
                rule("no-reflection", Exercise.E0_1, "no reflection, method handles, class loading, deserialization"
                        + " or resources (java.lang.reflect, java.lang.invoke, ClassLoader, Module, ServiceLoader,"
                        + " ObjectInputStream, Class.forName, getResource, getDeclared*)", "reflection, loading a class"
                        + " by its name or resources could reach into the grader, its answers and the references",
                        noClasses().should().dependOnClassesThat(named("java.lang.reflect, java.lang.invoke,"
                                        + " ClassLoader, Module, ModuleLayer, ServiceLoader, ResourceBundle, StackWalker"
                                        + " or java.io's serialization (ObjectInputStream, ObjectStreamClass, ...)",
                                        PurityRules::reflective))
                                .orShould().accessTargetWhere(target("Class." + "forName, getResource, getDeclared*,"
                                        + " getMethod, getModule or another reflective method of java.lang.Class",
                                        (owner, name, params) -> owner.equals("java.lang.Class")
                                                && !CLASS_ALLOWED.contains(name)))),
                rule("no-global-state", Exercise.E0_1, "no changes to the JVM's settings (System.setProperty,"
                        + " System.setOut/setErr/setIn, System.getProperties, System.getLogger, Locale.setDefault,"
                        + " SecurityManager, ...)",
                        "settings are shared with the grader; changing them part-way could change how later tests"
                                + " are graded",
                        noClasses().should().accessTargetWhere(target("a member of System or Runtime that changes"
                                        + " or exposes the JVM's settings, Locale.setDefault or TimeZone.setDefault",
                                        PurityRules::globalState))
                                .orShould().dependOnClassesThat(named("SecurityManager, java.security.Security"
                                        + " or Policy", GLOBAL_STATE_CLASSES::contains))),
                rule("no-onnx-runtime", Exercise.E0_1, "no ONNX Runtime (ai.onnxruntime)",
                        "the reference models hold the expected answers; your code must compute them itself",
                        noClasses().should().dependOnClassesThat(named("ai.onnxruntime", PurityRules::onnx))),
                rule("no-grader", Exercise.E0_1, "no grader or test classes (org.paramlab.grader,"
                        + " org.paramlab.grading, JUnit, AssertJ, ArchUnit)",
                        "the grader decides your marks; your code may not use it",
                        noClasses().should().dependOnClassesThat(named("the grader or a test library",
                                c -> grader(c, studentPackage)))),
                rule("no-files", Exercise.E0_2, "no files (java.io.File, FileInputStream, FileWriter, new"
                        + " PrintStream(fileName), ..., java.nio.file, java.nio.channels, ZipFile)",
                        "a module computes from tensors, not from disk; printing with System.out is fine",
                        noClasses().should().dependOnClassesThat(named("java.io file classes, java.nio.file,"
                                        + " java.nio.channels, ZipFile or JarFile", PurityRules::files))
                                .orShould().accessTargetWhere(target("a constructor that opens a file by name"
                                        + " (PrintStream, PrintWriter or Formatter of a String)", PurityRules::fileName))),
                rule("no-network", Exercise.E0_2, "no network (java.net, javax.net)",
                        "grading must not depend on, or talk to, another machine",
                        noClasses().should().dependOnClassesThat(named("java.net or javax.net",
                                PurityRules::network))),
                rule(ALLOWED_ONLY, Exercise.E0_2, "only the allowed classes of java.base (the core of java.lang,"
                        + " the collections, java.util.function, sequential streams, java.math, java.util.regex,"
                        + " Random, printing and formatting: see the README) and the given library ("
                        + String.join(", ", GIVEN) + ", " + studentPackage + ")", "the chapter needs nothing else,"
                        + " and the rest of the JDK holds ways to reach beyond your code (deserialization, for one)",
                        classes().should().onlyDependOnClassesThat(allowed(studentPackage))));
    }

    /**
     * @param name a class's binary name
     * @param studentPackage the student's package
     * @return whether a rule other than {@value #ALLOWED_ONLY} refuses the whole class, so that the
     *         allow-list rule leaves it to that one
     */
    static boolean namedByAnotherRule(String name, String studentPackage) {
        return processes(name) || threading(name) || reflective(name) || GLOBAL_STATE_CLASSES.contains(name)
                || onnx(name) || grader(name, studentPackage) || files(name) || network(name);
    }

    private static boolean processes(String name) {
        return name.startsWith("java.lang.Process");
    }

    private static boolean onnx(String name) {
        return name.startsWith("ai.onnxruntime.");
    }

    private static boolean grader(String name, String studentPackage) {
        return !name.startsWith(studentPackage + ".") && (name.startsWith("org.paramlab.grader.")
                || name.startsWith("org.paramlab.grading.") || name.startsWith("org.junit.")
                || name.startsWith("org.assertj.") || name.startsWith("org.opentest4j.")
                || name.startsWith("com.tngtech."));
    }

    private static boolean files(String name) {
        return FILE_CLASSES.contains(name) || name.startsWith("java.nio.file.") || name.startsWith("java.nio.channels.");
    }

    private static boolean network(String name) {
        return name.startsWith("java.net.") || name.startsWith("javax.net.");
    }

    /** @return whether a class is one of the threading classes the {@code no-threads} rule bans */
    static boolean threading(String name) {
        if (name.equals("java.lang.Thread") || name.startsWith("java.lang.Thread$") || name.equals("java.lang.ThreadGroup")
                || name.startsWith("java.util.Timer") || name.equals("java.lang.ref.Cleaner")
                || name.startsWith("java.lang.ref.Cleaner$") || name.equals("java.util.stream.StreamSupport")) {
            return true;
        }
        if (!name.startsWith("java.util.concurrent.")) {
            return false;
        }
        String rest = name.substring("java.util.concurrent.".length());
        if (rest.startsWith("atomic.") || rest.startsWith("locks.")) {
            return false;
        }
        String outer = rest.contains("$") ? rest.substring(0, rest.indexOf('$')) : rest;
        // Thread-safe collections run nothing in other threads; everything else here (executors, futures,
        // ForkJoinPool, Flow publishers, ThreadLocalRandom) belongs to threads.
        return !(outer.startsWith("Concurrent") || outer.startsWith("CopyOnWrite") || outer.equals("TimeUnit"));
    }

    /** @return whether a class is one of the reflective classes the {@code no-reflection} rule bans */
    static boolean reflective(String name) {
        return name.startsWith("java.lang.reflect.") || name.startsWith("java.lang.invoke.")
                || name.endsWith("ClassLoader") || name.equals("java.lang.Module") || name.equals("java.lang.ModuleLayer")
                || name.startsWith("java.lang.ModuleLayer$") || name.startsWith("java.lang.module.")
                || name.startsWith("java.util.ServiceLoader") || name.startsWith("java.util.ResourceBundle")
                || name.startsWith("java.lang.StackWalker") || name.startsWith("java.lang.instrument.")
                // deserialization resolves any class name on the classpath, and makes an instance of it
                || name.startsWith("java.io.Object");
    }

    private static boolean parallel(String owner, String name, List<String> params) {
        return name.equals("parallelStream")
                || owner.startsWith("java.util.stream.") && name.equals("parallel")
                || owner.equals("java.util.Arrays") && name.startsWith("parallel")
                // ConcurrentHashMap's forEach/search/reduce with a parallelism threshold (a long first).
                || owner.startsWith("java.util.concurrent.ConcurrentHashMap") && !params.isEmpty()
                && params.get(0).equals("long");
    }

    private static boolean globalState(String owner, String name, List<String> params) {
        if (owner.equals("java.lang.System")) {
            return !SYSTEM_ALLOWED.contains(name) && !NAMED_ELSEWHERE.contains(name);
        }
        if (owner.equals("java.lang.Runtime")) {
            return !RUNTIME_ALLOWED.contains(name) && !NAMED_ELSEWHERE.contains(name);
        }
        return (owner.equals("java.util.Locale") || owner.equals("java.util.TimeZone")) && name.equals("setDefault");
    }

    private static boolean fileName(String owner, String name, List<String> params) {
        return name.equals("<init>") && FILE_NAME_CONSTRUCTORS.contains(owner) && !params.isEmpty()
                && params.get(0).equals("java.lang.String");
    }

    private static PurityRule rule(String id, Exercise exercise, String title, String why, ArchRule rule) {
        return new PurityRule(id, exercise, title, why, rule.allowEmptyShould(true));
    }

    private static DescribedPredicate<JavaClass> named(String description, Predicate<String> className) {
        return DescribedPredicate.describe(description, c -> className.test(c.getBaseComponentType().getName()));
    }

    private interface Target {
        boolean test(String owner, String name, List<String> rawParameterTypes);
    }

    private static DescribedPredicate<JavaAccess<?>> target(String description, Target target) {
        return DescribedPredicate.describe(description, access -> {
            AccessTarget accessed = access.getTarget();
            List<String> params = accessed instanceof AccessTarget.CodeUnitAccessTarget
                    ? ((AccessTarget.CodeUnitAccessTarget) accessed).getRawParameterTypes().stream()
                    .map(JavaClass::getName).toList()
                    : List.of();
            return target.test(access.getTargetOwner().getName(), access.getName(), params);
        });
    }

    /** A class that overrides {@code finalize()}: the JVM would run it later, in its finalizer thread. */
    private static ArchCondition<JavaClass> declareFinalize() {
        return new ArchCondition<>("declare finalize() (run later, in the JVM's finalizer thread)") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaMethod method : item.getMethods()) {
                    if (method.getName().equals("finalize") && method.getRawParameterTypes().isEmpty()) {
                        events.add(SimpleConditionEvent.satisfied(item, "Method <" + method.getFullName()
                                + "> overrides finalize() in " + method.getSourceCodeLocation()));
                    }
                }
            }
        };
    }

    private static DescribedPredicate<JavaClass> allowed(String studentPackage) {
        return DescribedPredicate.describe("are on the allow-list or in the given library", c -> {
            JavaClass base = c.getBaseComponentType();
            if (base.isPrimitive()) {
                return true;
            }
            String pkg = base.getPackageName();
            if (pkg.equals(studentPackage) || pkg.startsWith(studentPackage + ".")
                    || GIVEN.stream().anyMatch(g -> pkg.equals(g) || pkg.startsWith(g + "."))) {
                return true;
            }
            return AllowedClasses.contains(base.getName()) || namedByAnotherRule(base.getName(), studentPackage);
        });
    }
}
