package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The graded test classes are found on the classpath, in JUnit's order, with nothing listed by hand. */
class GradedTestClassListTest {

    @Test
    void findsEveryGroupsClassInOrderThenTheClassesAcrossGroups() {
        assertThat(GradedTestClassList.simpleNames())
                .containsSubsequence("ModulesTest", "ParameterAccessTest", "InitializationTest", "LazyInitializationTest",
                        "TiedParametersTest", "CustomModelsTest", "SharedLayerTrainingTest")
                .contains("WholeDomainTest", "GeneratedNetworksTest", "InvariantsTest")
                .allMatch(name -> name.endsWith("Test"))
                .doesNotHaveDuplicates();
        assertThat(GradedTestClassList.simpleNames().get(0)).isEqualTo("ModulesTest");
    }
}
