package org.paramlab.tour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputComparisonTest {

    @Test
    void theSameTextIsSame() {
        assertThat(OutputComparison.compare("tensor([1.])\n", "tensor([1.])\n").status()).isEqualTo(Status.SAME);
    }

    @Test
    void twoCellsThatPrintNothingHaveNothingToCompareAndPrintingOnOneSideDiffers() {
        assertThat(OutputComparison.compare("", "").status()).isEqualTo(Status.NOTHING_TO_COMPARE);
        assertThat(Status.NOTHING_TO_COMPARE.compared()).isFalse();
        assertThat(OutputComparison.compare("", "tensor([1.])\n").status()).isEqualTo(Status.DIFFERS);
        assertThat(OutputComparison.compare("tensor([1.])\n", "").status()).isEqualTo(Status.DIFFERS);
    }

    @Test
    void javaBooleansAndTypeNamesAreTheSameUpToJava() {
        OutputComparison.Verdict verdict = OutputComparison.compare(
                "(<class 'torch.nn.parameter.Parameter'>, True)\n", "(class org.paramlab.nn.Parameter, true)\n");

        assertThat(verdict.status()).isEqualTo(Status.SAME_UP_TO_JAVA);
        assertThat(verdict.differences()).hasSize(2).anyMatch(d -> d.startsWith("true for True"))
                .anyMatch(d -> d.contains("type names"));
    }

    @Test
    void anotherNumberDiffersAndTheDiffShowsBothLines() {
        OutputComparison.Verdict verdict = OutputComparison.compare("tensor([[0.1661],\n        [0.0978]])\n",
                "tensor([[0.1661],\n        [0.0979]])\n");

        assertThat(verdict.status()).isEqualTo(Status.DIFFERS);
        assertThat(verdict.diff()).contains("-        [0.0978]])", "+        [0.0979]])");
    }

    @Test
    void aJavaMapIsNotAnOrderedDictAndTheTourSaysWhichTypePrintsLikeOne() {
        OutputComparison.Verdict verdict = OutputComparison.compare("OrderedDict([('bias', tensor([1.]))])\n",
                "{bias=tensor([1.])}\n");

        assertThat(verdict.status()).isEqualTo(Status.DIFFERS);
        assertThat(verdict.differences()).singleElement().asString().contains("org.paramlab.tensor.OrderedDict");
    }

    @Test
    void aLinearWrittenAsMatmulPlusAddIsToldWhereAddmmComesFrom() {
        OutputComparison.Verdict verdict = OutputComparison.compare("tensor([[0.1661]], grad_fn=<AddmmBackward0>)\n",
                "tensor([[0.1661]], grad_fn=<AddBackward0>)\n");

        assertThat(verdict.status()).isEqualTo(Status.DIFFERS);
        assertThat(verdict.differences()).singleElement().asString().contains("Tensor.addmm(bias, x, weight.t())");
    }

    @Test
    void anotherDifferenceHasNoMadeUpCause() {
        assertThat(OutputComparison.compare("tensor([1.])\n", "tensor([2.])\n").differences()).isEmpty();
    }

    @Test
    void trueInsideAWordIsNotJavasTrue() {
        assertThat(OutputComparison.compare("Trueish\n", "trueish\n").status()).isEqualTo(Status.DIFFERS);
    }

    @Test
    void aMissingFinalLineBreakIsNamed() {
        OutputComparison.Verdict verdict = OutputComparison.compare("True\n", "True");

        assertThat(verdict.status()).isEqualTo(Status.DIFFERS);
        assertThat(verdict.diff()).singleElement().asString().contains("line breaks");
    }
}
