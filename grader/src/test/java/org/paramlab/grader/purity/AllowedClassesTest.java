package org.paramlab.grader.purity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The allow-list holds what the chapter needs and nothing that reaches beyond the student's code. */
class AllowedClassesTest {

    @Test
    void theChaptersEverydayJavaIsOnTheList() {
        assertThat(new String[] {"java.lang.Object", "java.lang.String", "java.lang.Math", "java.lang.Float",
                "java.lang.Record", "java.lang.Enum", "java.lang.IllegalArgumentException", "java.lang.NoSuchFieldError",
                "java.util.List", "java.util.LinkedHashMap", "java.util.Map$Entry", "java.util.IdentityHashMap",
                "java.util.Iterator", "java.util.Collections", "java.util.Random", "java.util.NoSuchElementException",
                "java.util.function.Function", "java.util.function.IntUnaryOperator", "java.util.stream.Collectors",
                "java.util.stream.IntStream", "java.math.BigDecimal", "java.util.regex.Pattern",
                "java.io.PrintStream", "java.text.DecimalFormat", "java.util.concurrent.atomic.AtomicInteger"})
                .allMatch(AllowedClasses::contains);
    }

    @Test
    void whatReachesBeyondTheStudentsCodeIsNot() {
        assertThat(new String[] {"java.io.ObjectInputStream", "java.io.ObjectStreamClass", "java.io.ByteArrayInputStream",
                "java.io.File", "java.lang.ClassLoader", "java.lang.Thread", "java.lang.ThreadLocal", "java.lang.Package",
                "java.lang.ClassValue", "java.lang.StackWalker", "java.lang.Module", "java.lang.System$Logger",
                "java.lang.System$LoggerFinder", "java.lang.invoke.MethodHandles$Lookup", "java.lang.reflect.Proxy",
                "java.util.ServiceLoader", "java.util.ResourceBundle", "java.util.Properties", "java.util.Scanner",
                "java.util.Timer", "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.TimeUnit",
                "java.util.concurrent.atomic.AtomicIntegerFieldUpdater", "java.util.stream.StreamSupport",
                "java.util.logging.Logger", "java.util.zip.ZipFile", "java.nio.ByteBuffer", "java.net.URI",
                "java.security.AccessController", "java.beans.Beans", "javax.script.ScriptEngineManager",
                "org.opentest4j.TestAbortedException", "ai.onnxruntime.OrtEnvironment", "ObjectInputStream"})
                .noneMatch(AllowedClasses::contains);
    }

    @Test
    void everyClassAnotherRuleRefusesIsNamedByThatRuleAlone() {
        assertThat(PurityRules.namedByAnotherRule("java.io.ObjectInputStream", "org.paramlab.nn")).isTrue();
        assertThat(PurityRules.namedByAnotherRule("java.lang.ProcessBuilder", "org.paramlab.nn")).isTrue();
        assertThat(PurityRules.namedByAnotherRule("java.net.URI", "org.paramlab.nn")).isTrue();
        assertThat(PurityRules.namedByAnotherRule("org.junit.jupiter.api.Test", "org.paramlab.nn")).isTrue();
        assertThat(PurityRules.namedByAnotherRule("java.util.stream.StreamSupport", "org.paramlab.nn")).isTrue();
        assertThat(PurityRules.namedByAnotherRule("java.util.Properties", "org.paramlab.nn")).isFalse();
        assertThat(PurityRules.namedByAnotherRule("java.util.concurrent.ConcurrentHashMap", "org.paramlab.nn")).isFalse();
    }
}
