package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.paramlab.nn.LazyLinear;
import org.paramlab.nn.Linear;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.SGD;
import org.paramlab.nn.StateDictMismatchException;
import org.paramlab.nn.TrainingRecord;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * The given parts of the student API (argument checks, getters, printing of placeholders): code
 * the student does not write, so the graded tests do not depend on it, but PIT mutates it with
 * the rest of solutions/ and these checks keep it honest. Runs under {@code -Psolutions}.
 */
class GivenCodeTest {

    /** A module with nothing to compute, to reach the given registration API. */
    private static final class Box extends Module {
        void register(String name, Parameter p) {
            registerParameter(name, p);
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    @Test
    void linearRefusesSizesBelowOne() {
        assertThatThrownBy(() -> new Linear(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new Linear(3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LazyLinear(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
        assertThat(new Linear(1, 1).outFeatures()).isEqualTo(1);
        assertThat(new LazyLinear(1).outFeatures()).isEqualTo(1);
    }

    @Test
    void registrationChecksNames() {
        Box box = new Box();
        Parameter p = new Parameter(Tensor.zeros(1));
        assertThatThrownBy(() -> box.register("a.b", p)).hasMessage("parameter name can't contain \".\", got: a.b");
        assertThatThrownBy(() -> box.register("", p)).hasMessage("parameter name must be a non-empty string");
        assertThatThrownBy(() -> box.addModule("x.y", new Box())).hasMessage("module name can't contain \".\", got: x.y");
        box.register("w", p);
        assertThatThrownBy(() -> box.addModule("w", new Box())).hasMessageContaining("a parameter already has this name");
    }

    @Test
    void registrationReturnsWhatItRegistersAndRefusesClashes() {
        Box box = new Box();
        Parameter p = new Parameter(Tensor.zeros(1));
        Box child = new Box();
        assertThat(box.addModule("c", child)).isSameAs(child);
        assertThatThrownBy(() -> box.register("c", p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a child module already has this name");
        assertThatThrownBy(() -> box.register("n", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.addModule("", child)).isInstanceOf(IllegalArgumentException.class);
        assertThat(box.registeredModules().get("c")).isSameAs(child);
    }

    /** Runs over solutions/, whose registerBuffer (exercise 8.1) is written: the given registration refuses a buffer's name. */
    @Test
    void registrationRefusesTheNameOfABuffer() {
        Box box = new Box();
        Tensor buffer = box.registerBuffer("running_mean", Tensor.zeros(2));
        assertThat(box.registeredBuffers().get("running_mean")).isSameAs(buffer);
        assertThatThrownBy(() -> box.register("running_mean", new Parameter(Tensor.zeros(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a buffer already has this name");
        assertThatThrownBy(() -> box.addModule("running_mean", new Box())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a buffer already has this name");
        assertThat(box.registeredParameters()).isEmpty();
        assertThat(box.registeredModules()).isEmpty();
    }

    @Test
    void placeholdersDrawNothingAndAreTheirOwnData() {
        Generator.manualSeed(5);
        Tensor expected = Tensor.rand(3);
        Generator.manualSeed(5);
        LazyLinear layer = new LazyLinear(8);
        assertThat(Tensor.rand(3).toArray()).containsExactly(expected.toArray());
        assertThat(layer.inFeatures()).isZero();
        Parameter placeholder = layer.registeredParameters().get("weight");
        assertThat(placeholder.data()).isSameAs(placeholder);
    }

    @Test
    void aParameterSharesTheStorageItWraps() {
        Tensor values = Tensor.zeros(3);
        Parameter p = new Parameter(values);
        values.set(5f, 1);
        assertThat(p.get(1)).isEqualTo(5f);
        assertThat(p.requiresGrad() && p.isLeaf()).isTrue();
    }

    @Test
    void sgdChecksItsArgumentsAndKeepsThem() {
        Parameter p = new Parameter(Tensor.zeros(1));
        assertThatThrownBy(() -> new SGD(List.of(p), -0.1f)).hasMessage("Invalid learning rate: -0.1");
        assertThatThrownBy(() -> new SGD(List.of(p), Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        SGD sgd = new SGD(List.of(p), 0f);
        assertThat(sgd.lr()).isZero();
        SGD other = new SGD(List.of(p), 0.5f);
        assertThat(other.lr()).isEqualTo(0.5f);
        assertThat(other.parameters()).containsExactly(p);
        assertThat(other.parameters().get(0)).isSameAs(p);
        assertThatThrownBy(() -> new SGD(null, 0.1f)).isInstanceOf(IllegalArgumentException.class);
        java.util.List<Parameter> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new SGD(withNull, 0.1f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SGD(List.of(p), Float.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parametersAndPlaceholdersPrintAsPyTorch() {
        Parameter p = new Parameter(Tensor.of(new float[] {-0.3293f}, 1));
        assertThat(p.toString()).isEqualTo("Parameter containing:\ntensor([-0.3293], requires_grad=True)");
        LazyLinear.UninitializedParameter u = new LazyLinear.UninitializedParameter();
        assertThat(u.toString()).isEqualTo("<UninitializedParameter>");
        assertThatThrownBy(u::shape).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Can't access the shape of an uninitialized parameter");
    }

    @Test
    void typedGetChecksTheClassWithoutACast() {
        org.paramlab.nn.Sequential net = new org.paramlab.nn.Sequential(new Linear(4, 8), new org.paramlab.nn.ReLU(),
                new Linear(8, 1));
        Linear out = net.get(Linear.class, 2);
        assertThat(out).isSameAs(net.<Linear>get(2));
        assertThat(net.get(Linear.class, -1)).isSameAs(out);
        assertThat(net.get(Linear.class, 2).bias()).isSameAs(out.bias());
        List<Module> generic = List.of(net.get(Module.class, 1), net);
        assertThat(generic.get(0)).isInstanceOf(org.paramlab.nn.ReLU.class);
        assertThatThrownBy(() -> net.get(Linear.class, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("get(Linear.class, 1): the module at [1] is a ReLU, not a Linear");
        org.paramlab.nn.Sequential nested = new org.paramlab.nn.Sequential(net);
        assertThatThrownBy(() -> nested.get(Linear.class, 0, 1)).hasMessage(
                "get(Linear.class, 0, 1): the module at [0, 1] is a ReLU, not a Linear");
        assertThatThrownBy(() -> net.get(Linear.class, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> net.get(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Module.class");
    }

    @Test
    void stateDictMismatchKeepsItsLists() {
        StateDictMismatchException e = new StateDictMismatchException("Sequential", List.of("2.bias"),
                List.of("3.weight"), List.of("size mismatch for 0.weight: ..."));
        assertThat(e.missingKeys()).containsExactly("2.bias");
        assertThat(e.unexpectedKeys()).containsExactly("3.weight");
        assertThat(e.sizeMismatches()).containsExactly("size mismatch for 0.weight: ...");
    }

    @Test
    void trainingRecordListsItsLosses() {
        Map<String, Tensor> none = Map.of();
        TrainingRecord record = new TrainingRecord(List.of(new TrainingRecord.Step(0, 1.5f, none, none),
                new TrainingRecord.Step(1, 1.25f, none, none)), none);
        assertThat(record.losses()).containsExactly(1.5f, 1.25f);
    }
}
