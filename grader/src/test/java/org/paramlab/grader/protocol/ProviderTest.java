package org.paramlab.grader.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.Tolerance;

class ProviderTest {

    @Test
    void parsesTheTwoProviders_ignoringCaseAndSpaces() {
        assertThat(Provider.parse("cpu")).isEqualTo(Provider.CPU);
        assertThat(Provider.parse("CPU")).isEqualTo(Provider.CPU);
        assertThat(Provider.parse("cuda")).isEqualTo(Provider.CUDA);
        assertThat(Provider.parse(" Cuda ")).isEqualTo(Provider.CUDA);
    }

    @Test
    void unsetOrBlankMeansCpu() {
        assertThat(Provider.parse(null)).isEqualTo(Provider.CPU);
        assertThat(Provider.parse("")).isEqualTo(Provider.CPU);
        assertThat(Provider.parse("  ")).isEqualTo(Provider.CPU);
    }

    @Test
    void anUnknownProviderIsAnErrorListingTheValidOnes() {
        assertThatThrownBy(() -> Provider.parse("gpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dparamlab.provider=gpu is not a provider the grader knows;"
                        + " valid values are cpu (the default) and cuda (case-insensitive)");
    }

    @Test
    void eachProviderHasItsTolerance() {
        assertThat(Provider.CPU.tolerance()).isEqualTo(Tolerance.CPU_FLOAT32);
        assertThat(Provider.CUDA.tolerance()).isEqualTo(Tolerance.CUDA_FLOAT32);
        assertThat(Provider.CUDA.tolerance().atol()).isGreaterThanOrEqualTo(Provider.CPU.tolerance().atol());
        assertThat(Provider.CPU.id()).isEqualTo("cpu");
        assertThat(Provider.CUDA).hasToString("cuda");
    }
}
