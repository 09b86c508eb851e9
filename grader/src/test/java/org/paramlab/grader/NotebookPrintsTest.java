package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paramlab.nn.Linear;
import org.paramlab.nn.ParameterManagement;
import org.paramlab.nn.Sequential;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.OrderedDict;
import org.paramlab.tensor.Tensor;

/**
 * What the solutions print where the notebook prints: {@code net(X)} with
 * {@code grad_fn=<AddmmBackward0>}, a state dict as an {@code OrderedDict([...])}, a shape as a
 * {@code torch.Size}. Not graded (a student's ordered map or {@code matmul(...).add(...)} is
 * right too); it keeps the solutions, which the javadoc quotes, printing as PyTorch.
 * Runs under {@code -Psolutions}.
 */
class NotebookPrintsTest {

    @Test
    void netOfXPrintsAddmmBackwardAsPyTorch() {
        Generator.manualSeed(0);
        Sequential net = ParameterManagement.net();
        Tensor y = net.forward(Tensor.rand(2, 4));
        assertThat(y.toString()).startsWith("tensor([[").endsWith("]], grad_fn=<AddmmBackward0>)");
        assertThat(y.shape()).hasToString("torch.Size([2, 1])");
    }

    @Test
    void stateDictAndNamedParametersAreOrderedDicts() {
        Sequential net = ParameterManagement.net();
        Linear out = net.get(Linear.class, 2);
        out.weight().data().copy_(Tensor.of(new float[] {0.1524f, -0.2269f, 0f, 0f, 0f, 0f, 0f, 0f}, 1, 8));
        out.bias().data().fill_(-0.0291f);
        assertThat(out.stateDict()).isInstanceOf(OrderedDict.class).hasToString(
                "OrderedDict([('weight', tensor([[ 0.1524, -0.2269,  0.0000,  0.0000,  0.0000,  0.0000,  0.0000,  0.0000]])), "
                        + "('bias', tensor([-0.0291]))])");
        assertThat(net.stateDict()).isInstanceOf(OrderedDict.class);
        assertThat(net.stateDict().toString()).startsWith("OrderedDict([('0.weight', tensor([[");
        assertThat(out.namedParameters()).isInstanceOf(OrderedDict.class);
        assertThat(out.namedParameters().toString()).startsWith("OrderedDict([('weight', Parameter containing:\ntensor([[");
        assertThat(net.namedChildren()).isInstanceOf(OrderedDict.class);
        assertThat(net.namedModules()).isInstanceOf(OrderedDict.class);
    }
}
