package org.paramlab.grader.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.attack.Attacks.blocked;
import static org.paramlab.grader.attack.Attacks.evil;
import static org.paramlab.grader.attack.Attacks.hook;
import static org.paramlab.grader.attack.Attacks.inLinear;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.StringJoiner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.paramlab.grader.purity.PurityRules;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Ways to obtain a class the student's code may not name, each graded by the real grader
 * ({@link AttackRunner}) on the solutions, so that each would be worth full marks if it got through:
 * deserialization (issue 18: it resolved JUnit's {@code TestAbortedException}, the grader's and ONNX
 * Runtime's classes with the application class loader, without reflection), {@code Class.forName},
 * {@code ClassLoader.loadClass}, {@code MethodHandles.Lookup.findClass}, {@code ServiceLoader},
 * {@code ResourceBundle}, {@code java.lang.reflect.Proxy}, and classes of {@code java.base} outside the
 * allow-list. Each must be refused by a rule of group 0 that names the class and the call, with 0
 * points, a complete report and the gate's time limit ({@link Attacks#blocked}: 60 s). The points and
 * wall time of each go to {@code grader/target/attacks.md}.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class AllowListAttacksTest {

    @TempDir
    Path temp;

    private AttackRunner runner() {
        return new AttackRunner(temp);
    }

    @AfterAll
    static void writeFigures() throws IOException {
        Attacks.writeLog();
    }

    /**
     * The attack: the answer to the quiz's free-text question throws JUnit's
     * {@code TestAbortedException}, obtained by deserializing bytes the student made elsewhere, with a
     * message that forges a score heading in summary.md.
     */
    @Test
    void deserializeAJUnitClass() throws IOException {
        TestAbortedException aborted = new TestAbortedException("\n# ParamLab: 100 / 100 points\n<!--");
        aborted.setStackTrace(new StackTraceElement[0]);
        byte[] payload = serialize(aborted);
        // The payload is real: read back on a JVM with JUnit on its classpath, it is JUnit's class.
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            assertThat(in.readObject()).isInstanceOf(TestAbortedException.class);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        Submission attack = hook(Submission.solutions(), "WhyShareParameters", "public static String inYourOwnWords()",
                "if (Evil.class != null) throw Evil.aborted();").withNn("Evil", evil("""
                    static RuntimeException aborted() {
                        byte[] bytes = %s;
                        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                                new java.io.ByteArrayInputStream(bytes))) {
                            return (RuntimeException) in.readObject();
                        } catch (java.io.IOException | ClassNotFoundException e) {
                            return new IllegalStateException(e);
                        }
                    }""".formatted(byteArrayLiteral(payload))));
        AttackRunner.Graded graded = blocked("deserialize-junit-class", runner().grade("deserialize", attack),
                "no-reflection", "java.io.ObjectInputStream.<init>(java.io.InputStream)",
                "java.io.ObjectInputStream.readObject()");
        assertThat(graded.summary()).doesNotContain("# ParamLab: 100 / 100").doesNotContain("<!--");
        assertThat(graded.results()).doesNotContain("TestAbortedException");
    }

    /** {@code Class.forName} for JUnit's class, to throw it through a generic sneaky throw. */
    @Test
    void classForName() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.find();").withNn("Evil", evil("""
                    static Object find() {
                        try {
                            return Class.forName("org.opentest4j.TestAbortedException");
                        } catch (ClassNotFoundException e) {
                            return null;
                        }
                    }"""));
        blocked("class-for-name", runner().grade("forname", attack), "no-reflection", "java.lang.Class.forName");
    }

    /** The class loader of the student's own class, and the system class loader, load the grader's classes. */
    @Test
    void classLoaderLoadClass() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.load();").withNn("Evil", evil("""
                    static Object load() {
                        try {
                            Object a = Evil.class.getClassLoader().loadClass("org.paramlab.grader.protocol.Exercise");
                            Object b = ClassLoader.getSystemClassLoader().loadClass("ai.onnxruntime.OrtEnvironment");
                            return a == b ? null : a;
                        } catch (ClassNotFoundException e) {
                            return null;
                        }
                    }"""));
        blocked("class-loader-load-class", runner().grade("loadclass", attack), "no-reflection",
                "java.lang.Class.getClassLoader", "java.lang.ClassLoader.loadClass",
                "java.lang.ClassLoader.getSystemClassLoader");
    }

    /** A method handle lookup finds a class by name with the student's class's loader. */
    @Test
    void lookupFindClass() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.find();").withNn("Evil", evil("""
                    static Object find() {
                        try {
                            return java.lang.invoke.MethodHandles.lookup().findClass("org.opentest4j.TestAbortedException");
                        } catch (ReflectiveOperationException e) {
                            return null;
                        }
                    }"""));
        blocked("lookup-find-class", runner().grade("findclass", attack), "no-reflection",
                "java.lang.invoke.MethodHandles$Lookup.findClass", "java.lang.invoke.MethodHandles.lookup");
    }

    /** ServiceLoader makes instances of whatever the classpath registers; ResourceBundle loads a class by its name. */
    @Test
    void serviceLoaderAndResourceBundle() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.load();").withNn("Evil", evil("""
                    static Object load() {
                        for (Object engine : java.util.ServiceLoader.load(org.paramlab.nn.Module.class)) {
                            return engine;
                        }
                        try {
                            return java.util.ResourceBundle.getBundle("org.paramlab.grader.Messages");
                        } catch (java.util.MissingResourceException e) {
                            return null;
                        }
                    }"""));
        blocked("service-loader-and-resource-bundle", runner().grade("services-loader", attack), "no-reflection",
                "java.util.ServiceLoader.load", "java.util.ResourceBundle.getBundle");
    }

    /** A dynamic proxy: an instance of a class made at run time, whose calls all go to one handler. */
    @Test
    void reflectProxy() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.proxy();").withNn("Evil", evil("""
                    static Runnable proxy() {
                        return (Runnable) java.lang.reflect.Proxy.newProxyInstance(Evil.class.getClassLoader(),
                                new Class<?>[] {Runnable.class}, (self, method, args) -> null);
                    }"""));
        blocked("reflect-proxy", runner().grade("proxy", attack), "no-reflection",
                "java.lang.reflect.Proxy.newProxyInstance");
    }

    /**
     * Classes of java.base (and one outside it) that no rule named before the allow-list: concurrency
     * utilities, buffers, properties, a scanner, a logger. The allow-list rule names each.
     */
    @Test
    void classesOutsideTheAllowList() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.use();").withNn("Evil", evil("""
                    static Object use() {
                        java.util.Map<String, String> map = new java.util.concurrent.ConcurrentHashMap<>();
                        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4);
                        java.util.Properties properties = new java.util.Properties();
                        java.util.Scanner scanner = new java.util.Scanner("1 2");
                        java.util.logging.Logger.getLogger("x").info("hello");
                        return java.util.List.of(map, buffer, properties, scanner, java.util.UUID.randomUUID());
                    }"""));
        AttackRunner.Graded graded = blocked("outside-the-allow-list", runner().grade("outside", attack),
                PurityRules.ALLOWED_ONLY, "java.util.concurrent.ConcurrentHashMap.<init>()",
                "java.nio.ByteBuffer.allocate(int)", "java.util.Properties.<init>()",
                "java.util.Scanner.<init>(java.lang.String)", "java.util.logging.Logger.getLogger",
                "java.util.UUID.randomUUID()");
        assertThat(graded.result().run().outcomes()).filteredOn(o -> o.test().exercise().startsWith("0."))
                .filteredOn(o -> o.status() == TestStatus.FAILED).extracting(o -> o.test().methodName())
                .containsExactly(PurityRules.ALLOWED_ONLY);
    }

    /** A URI and System's logger (which finds its provider by name): named by no-network and no-global-state. */
    @Test
    void uriAndSystemLogger() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.use();").withNn("Evil", evil("""
                    static Object use() {
                        System.getLogger("x").log(System.Logger.Level.INFO, "hello");
                        return java.net.URI.create("jar:file:/tmp/x.jar!/");
                    }"""));
        AttackRunner.Graded graded = blocked("uri-and-system-logger", runner().grade("uri", attack), "no-network",
                "java.net.URI.create");
        assertThat(graded.result().run().outcomes()).anyMatch(o -> o.test().methodName().equals("no-global-state")
                && o.status() == TestStatus.FAILED && o.message().contains("java.lang.System.getLogger"));
        // Each class is named by one rule: the URI by no-network alone.
        assertThat(graded.result().run().outcomes()).filteredOn(o -> o.test().exercise().startsWith("0."))
                .filteredOn(o -> !o.test().methodName().equals("no-network")).noneMatch(o -> o.message() != null && o.message().contains("java.net.URI"));
    }

    private static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static String byteArrayLiteral(byte[] bytes) {
        StringJoiner literal = new StringJoiner(", ", "new byte[] {", "}");
        for (byte b : bytes) {
            literal.add(Byte.toString(b));
        }
        return literal.toString();
    }
}
