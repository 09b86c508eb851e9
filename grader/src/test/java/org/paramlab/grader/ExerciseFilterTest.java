package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.paramlab.grader.fixtures.FilterFixture;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.PlannedTest;

class ExerciseFilterTest {

    @TempDir
    Path dir;

    @Test
    void withoutASelectionEverythingRuns() {
        FixtureRunner.Result result = FixtureRunner.run(dir, ExerciseSelection.all(), FilterFixture.class);
        assertThat(result.summary().getTestsSucceededCount()).isEqualTo(5);
        assertThat(result.plan().tests()).extracting(PlannedTest::exercise).containsExactlyInAnyOrder("1.1", "2.2", "2.3", "2.4");
    }

    @Test
    void keepsOnlyTheSelectedExercise() {
        FixtureRunner.Result result = FixtureRunner.run(dir, ExerciseSelection.parse("2.2"), FilterFixture.class);
        assertThat(result.plan().tests()).extracting(PlannedTest::methodName).containsExactly("namedParameters");
        assertThat(result.plan().selection()).isEqualTo("2.2");
        // the ungraded test outside the grading package is not the filter's business
        assertThat(result.summary().getTestsSucceededCount()).isEqualTo(2);
    }

    @Test
    void keepsAWholeGroupAndMetaAnnotatedTests() {
        FixtureRunner.Result result = FixtureRunner.run(dir, ExerciseSelection.parse("2"), FilterFixture.class);
        assertThat(result.plan().tests()).extracting(PlannedTest::methodName)
                .containsExactlyInAnyOrder("namedParameters", "namedModules", "viaMetaAnnotation");
        assertThat(result.plan().tests()).filteredOn(t -> t.exercise().equals("2.4"))
                .singleElement().extracting(PlannedTest::points).isEqualTo(2.0);
    }

    @Test
    void anUnknownIdRunsNoGradedTest() {
        FixtureRunner.Result result = FixtureRunner.run(dir, ExerciseSelection.parse("9.1"), FilterFixture.class);
        assertThat(result.plan().tests()).isEmpty();
        assertThat(result.plan().errors()).singleElement().asString().startsWith("-Dexercise=9.1: unknown exercise '9.1'.");
        assertThat(result.summary().getTestsSucceededCount()).isEqualTo(1);
    }

    @Test
    void removesUngradedTestsOfTheGradingPackageWhenSelecting() {
        ExerciseFilter filter = new ExerciseFilter(ExerciseSelection.parse("1.1"));
        var helper = descriptor(MethodSource.from("org.paramlab.grading.HelperTest", "notGraded"));
        var elsewhere = descriptor(MethodSource.from("org.paramlab.grader.SomethingTest", "unitTest"));
        var noSource = descriptor(null);

        assertThat(filter.apply(helper).excluded()).isTrue();
        assertThat(filter.apply(helper).getReason()).contains("not a graded test of -Dexercise=1.1");
        assertThat(filter.apply(elsewhere).included()).isTrue();
        assertThat(filter.apply(noSource).included()).isTrue();
        assertThat(new ExerciseFilter(ExerciseSelection.all()).apply(helper).included()).isTrue();
    }

    private static AbstractTestDescriptor descriptor(MethodSource source) {
        return new AbstractTestDescriptor(UniqueId.forEngine("x").append("m", "y"), "y", source) {
            @Override
            public Type getType() {
                return Type.TEST;
            }
        };
    }
}
