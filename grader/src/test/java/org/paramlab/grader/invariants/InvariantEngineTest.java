package org.paramlab.grader.invariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.paramlab.exercise.NotImplementedException;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grading.invariants.GeneratedNetwork;
import org.paramlab.grading.invariants.Invariant;
import org.paramlab.grading.invariants.Invariant.Definition;
import org.paramlab.grading.invariants.TreeSpec;
import org.paramlab.grading.invariants.TreeSpec.ModuleDef;
import org.paramlab.grading.invariants.TreeSpec.Reg;
import org.paramlab.nn.Parameter;

/**
 * The property engine of the invariant tests ({@link Invariant}), its networks ({@link TreeSpec}) and their
 * objects ({@link GeneratedNetwork}), on toy properties whose smallest counterexample is known.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InvariantEngineTest {

    private static final Definition TOY = new Definition("toy", "no module registers one parameter twice",
            Exercise.E2_2, "each module registers each parameter once", "a toy property for the engine's tests", 0);

    /** Fails wherever one module registers the same parameter under two names. */
    private static void noParameterTwiceInOneModule(Invariant.Checks c) {
        for (ModuleDef m : c.net().spec().modules()) {
            long distinct = m.params().stream().mapToInt(Reg::target).distinct().count();
            c.expect(distinct == m.params().size(), "twice", "each parameter once per module", () -> "twice");
        }
    }

    @Test
    void theSketchUsesTheDocumentedNotation() {
        // the example of TreeSpec's class comment, with its modules numbered in another order
        List<ModuleDef> modules = List.of(
                new ModuleDef(List.of(new Reg("w", 1)), List.of(new Reg("0", 2), new Reg("1", 2), new Reg("blk", 1))),
                new ModuleDef(List.of(new Reg("v", 1)), List.of(new Reg("0", 2))),
                new ModuleDef(List.of(new Reg("b", 0)), List.of()));
        TreeSpec spec = TreeSpec.of(modules, List.of(new int[] {2}, new int[] {2, 3}));
        assertThat(spec.sketch()).isEqualTo("Node#0{w:p0[2,3]}(0: Node#1{b:p1[2]}, 1: #1, blk: Node#2{v:p0}(0: #1))");
        assertThat(spec.modulePaths()).containsExactly(List.of(""), List.of("0", "1", "blk.0"), List.of("blk"));
        assertThat(spec.parameterPaths()).containsExactly(List.of("w", "blk.v"), List.of("0.b", "1.b", "blk.0.b"));
        assertThat(spec.registrations()).isEqualTo(7);
        TreeSpec.Measure measure = spec.measure();
        assertThat(measure.paths()).as("module paths \"\", 0, 1, blk.0, blk; parameter paths w, blk.v, 0.b, 1.b, blk.0.b")
                .isEqualTo(10);
        assertThat(measure.sharing()).isEqualTo(10 - 3 - 2);
    }

    @Test
    void aSpecRefusesCyclesAndRepeatedNames() {
        assertThatThrownBy(() -> TreeSpec.of(List.of(new ModuleDef(List.of(), List.of(new Reg("0", 1))),
                new ModuleDef(List.of(), List.of(new Reg("0", 0)))), List.of())).hasMessageContaining("cycle");
        assertThatThrownBy(() -> TreeSpec.of(List.of(new ModuleDef(List.of(new Reg("a", 0)), List.of(new Reg("a", 1))),
                new ModuleDef(List.of(), List.of())), List.of(new int[] {1}))).hasMessageContaining("repeated");
        assertThatThrownBy(() -> TreeSpec.of(List.of(new ModuleDef(List.of(new Reg("a", 3)), List.of())),
                List.of(new int[] {1}))).hasMessageContaining("names nothing");
    }

    @Test
    void theNetworkRegistersWhatTheSpecSays() {
        TreeSpec spec = TreeSpec.of(List.of(
                new ModuleDef(List.of(new Reg("w", 0)), List.of(new Reg("0", 1), new Reg("1", 1))),
                new ModuleDef(List.of(new Reg("w", 0), new Reg("b", 1)), List.of())), List.of(new int[] {2}, new int[] {1}));
        GeneratedNetwork net = GeneratedNetwork.build(spec);
        assertThat(net.root().registeredModules()).containsOnlyKeys("0", "1");
        assertThat(net.root().registeredModules().get("0")).isSameAs(net.root().registeredModules().get("1"));
        assertThat(net.root().registeredParameters().get("w"))
                .isSameAs(net.modules().get(1).registeredParameters().get("w"));
        assertThat(net.parametersByPath()).containsOnlyKeys("w", "0.w", "0.b", "1.w", "1.b");
        assertThat(net.modulesByPath()).containsOnlyKeys("", "0", "1");
        assertThat(net.parameters().get(0).toArray()).containsExactly(10f, 11f);
        assertThat(net.parameters().get(1).toArray()).containsExactly(20f);
        assertThat(net.describe(net.parameters().get(1))).isEqualTo("p1");
        assertThat(net.describe(net.modules().get(1))).isEqualTo("#1");
        assertThat(net.describe(new Parameter(org.paramlab.tensor.Tensor.zeros(1))))
                .isEqualTo("a Parameter that is not in the network (a copy?)");
        assertThat(net.registeredNow()).containsOnlyKeys(net.parametersByPath().keySet());
        assertThat(net.distinctChildren(0)).containsExactly(net.modules().get(1));
    }

    /** What the tries of one property draw: depth 1 to 4, and every kind of sharing and naming the tests need. */
    @Test
    void theGeneratorDrawsEveryPromisedShape() {
        for (long seed : new long[] {1, 42, 395055591}) {
            Random random = new Random(seed);
            Map<String, Integer> seen = new LinkedHashMap<>();
            int maxDepth = 0;
            List<Integer> firstSizes = new ArrayList<>();
            for (int t = 0; t < Invariant.TRIES; t++) {
                TreeSpec spec = TreeSpec.generate(random, Math.min(1.0, 2.0 * (t + 1) / Invariant.TRIES));
                if (t < 10) {
                    firstSizes.add(spec.registrations());
                }
                int depth = 1 + spec.modulePaths().stream().flatMap(List::stream)
                        .mapToInt(p -> p.isEmpty() ? 0 : p.split("\\.").length).max().orElse(0);
                maxDepth = Math.max(maxDepth, depth);
                seen.merge("depth " + depth, 1, Integer::sum);
                features(spec).forEach(f -> seen.merge(f, 1, Integer::sum));
                assertThat(TreeSpec.of(spec.modules(), shapes(spec)).sketch()).isEqualTo(spec.sketch());
            }
            assertThat(maxDepth).as("seed " + seed).isEqualTo(TreeSpec.MAX_DEPTH);
            assertThat(seen.keySet()).as("seed " + seed + ": " + seen).contains("depth 1", "depth 2", "depth 3", "depth 4",
                    "a module registered twice by one parent", "a module under two parents",
                    "a parameter in two modules", "a parameter registered twice by one module",
                    "a name of several digits", "a name that is a word", "a module with parameters and children",
                    "a child named like a prefix of its sibling");
            assertThat(firstSizes).as("the first tries draw small networks").allSatisfy(n -> assertThat(n).isLessThan(8));
        }
    }

    private static List<String> features(TreeSpec spec) {
        List<String> features = new ArrayList<>();
        Map<Integer, Integer> parents = new LinkedHashMap<>();
        Map<Integer, java.util.Set<Integer>> paramOwners = new LinkedHashMap<>();
        for (int k = 0; k < spec.modules().size(); k++) {
            ModuleDef m = spec.modules().get(k);
            if (m.children().stream().mapToInt(Reg::target).distinct().count() < m.children().size()) {
                features.add("a module registered twice by one parent");
            }
            if (m.params().stream().mapToInt(Reg::target).distinct().count() < m.params().size()) {
                features.add("a parameter registered twice by one module");
            }
            for (int child : m.children().stream().mapToInt(Reg::target).distinct().toArray()) {
                parents.merge(child, 1, Integer::sum);
            }
            for (Reg r : m.params()) {
                paramOwners.computeIfAbsent(r.target(), x -> new java.util.HashSet<>()).add(k);
            }
            if (k > 0 && !m.params().isEmpty() && !m.children().isEmpty()) {
                features.add("a module with parameters and children");
            }
            for (Reg r : m.children()) {
                if (r.name().length() > 1 && r.name().chars().allMatch(Character::isDigit)) {
                    features.add("a name of several digits");
                }
                if (!r.name().chars().allMatch(Character::isDigit)) {
                    features.add("a name that is a word");
                }
                if (m.children().stream().anyMatch(o -> o != r && o.name().startsWith(r.name()))) {
                    features.add("a child named like a prefix of its sibling");
                }
            }
        }
        if (parents.values().stream().anyMatch(n -> n > 1)) {
            features.add("a module under two parents");
        }
        if (paramOwners.values().stream().anyMatch(s -> s.size() > 1)) {
            features.add("a parameter in two modules");
        }
        return features;
    }

    private static List<int[]> shapes(TreeSpec spec) {
        List<int[]> shapes = new ArrayList<>();
        for (int p = 0; p < spec.parameterCount(); p++) {
            shapes.add(spec.shape(p));
        }
        return shapes;
    }

    @Test
    void everyShrinkCandidateIsSmallerAndCanonical() {
        Random random = new Random(7);
        for (int t = 0; t < 100; t++) {
            TreeSpec spec = TreeSpec.generate(random, 1.0);
            for (TreeSpec candidate : spec.shrinkCandidates()) {
                assertThat(candidate.measure()).as(spec + " -> " + candidate).isLessThan(spec.measure());
                assertThat(TreeSpec.of(candidate.modules(), shapes(candidate)).sketch()).isEqualTo(candidate.sketch());
            }
        }
    }

    @Test
    void aFailureShrinksToTheSmallestNetworkThatShowsIt() {
        Invariant.Result result = Invariant.run(TOY, 42, InvariantEngineTest::noParameterTwiceInOneModule);
        assertThat(result.failure()).isNotNull();
        Invariant.Failure failure = result.failure();
        assertThat(failure.shrunk().spec().sketch()).isIn("Node#0{w:p0[1], b:p0}", "Node#0{b:p0[1], w:p0}");
        assertThat(failure.found().spec().registrations()).isGreaterThanOrEqualTo(2);
        assertThat(failure.message())
                .startsWith("net = " + failure.shrunk().spec().sketch() + "; (before the first call): twice\n"
                        + "  property: no module registers one parameter twice, false on a generated network (found at try "
                        + failure.tryNumber() + " of " + Invariant.TRIES + ", then shrunk in " + failure.steps())
                .contains("\n  network: net = " + failure.shrunk().spec().sketch() + " (1 module, 1 parameter, 2 registrations)\n")
                .contains("\n  expected: each parameter once per module\n")
                .contains("\n  concept: a toy property for the engine's tests\n")
                .contains("\n  hint: " + Exercise.E2_2.hint() + "\n")
                .contains("\n  rerun exactly this case: ./mvnw test -Dexercise=2.2 -Dparamlab.seed=42\n");
    }

    /** Shrinking reaches the smallest counterexample from whatever network a seed finds first. */
    @Test
    void shrinkingReachesTheSmallestCounterexampleForEverySeed() {
        Map<String, Invariant.Body> properties = new LinkedHashMap<>();
        properties.put("Node#0{w:p0[1], b:p0}|Node#0{b:p0[1], w:p0}", InvariantEngineTest::noParameterTwiceInOneModule);
        properties.put("Node#0(0: Node#1, 1: #1)|Node#0(1: Node#1, 0: #1)", c -> {
            for (ModuleDef m : c.net().spec().modules()) {
                c.expect(m.children().stream().mapToInt(Reg::target).distinct().count() == m.children().size(), "twice",
                        "each child once per module", () -> "twice");
            }
        });
        properties.put("Node#0(0: Node#1(0: Node#2))", c -> c.expect(c.net().modulesByPath().keySet().stream()
                .noneMatch(p -> p.split("\\.").length >= 2), "deep", "no module at depth 3", () -> "one"));
        properties.put("Node#0{w:p0[1]}(0: Node#1{w:p0})", c -> {
            for (int k = 0; k < c.net().spec().modules().size(); k++) {
                for (int j = k + 1; j < c.net().spec().modules().size(); j++) {
                    List<Integer> a = c.net().spec().modules().get(k).params().stream().map(Reg::target).toList();
                    List<Integer> b = c.net().spec().modules().get(j).params().stream().map(Reg::target).toList();
                    c.expect(a.stream().noneMatch(b::contains), "shared", "no parameter in two modules", () -> "one");
                }
            }
        });
        // names in either order are equally simple
        properties.forEach((smallest, body) -> {
            for (long seed = 1; seed <= 20; seed++) {
                Invariant.Failure failure = Invariant.run(TOY, seed, body).failure();
                assertThat(failure).as(smallest + ", seed " + seed).isNotNull();
                assertThat(failure.shrunk().spec().sketch()).as("seed " + seed + ", found " + failure.found().spec())
                        .isIn((Object[]) smallest.split("\\|"));
            }
        });
    }

    @Test
    void theSameSeedDrawsTheSameNetworksAndAnotherSeedOthers() {
        Invariant.Result a = Invariant.run(TOY, 42, InvariantEngineTest::noParameterTwiceInOneModule);
        Invariant.Result b = Invariant.run(TOY, 42, InvariantEngineTest::noParameterTwiceInOneModule);
        assertThat(b.failure().message()).isEqualTo(a.failure().message());
        assertThat(b.failure().found().spec().sketch()).isEqualTo(a.failure().found().spec().sketch());
        List<String> found = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            found.add(Invariant.run(TOY, seed, InvariantEngineTest::noParameterTwiceInOneModule).failure().found().spec()
                    .sketch());
        }
        assertThat(found.stream().distinct().count()).as("networks found with seeds 1 to 5: " + found).isGreaterThan(1);
        // the id is mixed into the seed: two properties of one run draw different networks
        Definition other = new Definition("other", TOY.title(), TOY.exercise(), TOY.relation(), TOY.concept(), 0);
        assertThat(Invariant.run(other, 42, InvariantEngineTest::noParameterTwiceInOneModule).failure().found().spec().sketch())
                .isNotEqualTo(a.failure().found().spec().sketch());
    }

    @Test
    void aPropertyThatHoldsRunsEveryTryQuickly() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        Invariant.Result result = Invariant.run(TOY, 1, c -> calls.incrementAndGet());
        assertThat(result.failure()).isNull();
        assertThat(result.tries()).isEqualTo(Invariant.TRIES);
        assertThat(calls).hasValue(Invariant.TRIES);
        assertThat(System.nanoTime() - start).as("nanoseconds for " + Invariant.TRIES + " networks").isLessThan(3_000_000_000L);
    }

    @Test
    void aStubPassesThroughUnchangedWithoutShrinking() {
        NotImplementedException stub = new NotImplementedException("2.2 Module.namedParameters");
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Invariant.run(TOY, 1, c -> c.call("net.namedParameters()", () -> {
            calls.incrementAndGet();
            throw stub;
        }))).isSameAs(stub);
        assertThat(calls).hasValue(1);
        StackOverflowError overflow = new StackOverflowError();
        assertThatThrownBy(() -> Invariant.run(TOY, 1, c -> c.run("net.apply(fn)", () -> {
            throw overflow;
        }))).isSameAs(overflow);
    }

    @Test
    void anExceptionOfTheStudentsCodeIsShrunkAndReportedWithItsCall() {
        IllegalStateException boom = new IllegalStateException("boom");
        Invariant.Result result = Invariant.run(TOY, 3, c -> {
            if (c.net().spec().modules().size() > 1) {
                c.run("net.stateDict()", () -> {
                    throw boom;
                });
            }
        });
        Invariant.Failure failure = result.failure();
        assertThat(failure.shrunk().spec().sketch()).isEqualTo("Node#0(0: Node#1)");
        assertThat(failure.violation().getCause()).isSameAs(boom);
        assertThat(failure.violation().kind()).isEqualTo("threw java.lang.IllegalStateException");
        assertThat(failure.message()).contains("\n  call: net.stateDict()\n")
                .contains("\n  expected: each module registers each parameter once\n")
                .contains("\n  but got: it threw java.lang.IllegalStateException: boom\n");
        assertThatThrownBy(() -> {
            throw new AssertionError(failure.message(), failure.violation().getCause());
        }).hasCause(boom);
    }

    /** The engine writes no file (no test database), opens nothing, prints nothing. */
    @Test
    void theEngineTouchesNoFileAndPrintsNothing() {
        JavaClasses classes = new ClassFileImporter().importPackages("org.paramlab.grading.invariants");
        String engine = "org\\.paramlab\\.grading\\.invariants\\.(Invariant|TreeSpec|GeneratedNetwork)(\\$.*)?";
        ArchRuleDefinition.noClasses().that().haveNameMatching(engine).should().dependOnClassesThat()
                .haveNameMatching("java\\.io\\.(File.*|.*Stream|.*Writer|.*Reader)|java\\.nio\\.(file|channels)\\..*"
                        + "|java\\.net\\..*|java\\.util\\.logging\\..*")
                .check(classes);
        ArchRuleDefinition.noClasses().that().haveNameMatching(engine).should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err").check(classes);
    }

    /** Each graded property on the solutions, in this JVM: all pass, each well under a second. */
    @Test
    void theGradedPropertiesPassQuicklyOnTheSolutions() {
        Map<String, Long> started = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .addTestExecutionListeners(new TestExecutionListener() {
                    @Override
                    public void executionStarted(TestIdentifier id) {
                        started.put(id.getUniqueId(), System.nanoTime());
                    }

                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            millis.put(id.getDisplayName(), (System.nanoTime() - started.get(id.getUniqueId())) / 1_000_000);
                            results.put(id.getDisplayName(), result);
                        }
                    }
                }).build());
        // twice: the first run pays for loading and compiling the classes
        for (int run = 0; run < 2; run++) {
            millis.clear();
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass("org.paramlab.grading.InvariantsTest")).build());
        }
        System.out.println("InvariantsTest on the solutions, milliseconds per property: " + millis);
        assertThat(results).hasSize(7);
        results.forEach((name, result) -> assertThat(result.getStatus()).as(name + ": " + result.getThrowable())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        millis.forEach((name, ms) -> assertThat(ms).as(name + " (milliseconds)").isLessThan(1500));
    }
}
