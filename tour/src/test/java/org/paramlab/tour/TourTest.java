package org.paramlab.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.paramlab.exercise.NotImplementedException;

/** The tour's runner, on small notebooks of its own. */
class TourTest {

    /** A notebook of five cells: a stub, one that needs it, one on its own, one that fails, one after it. */
    static final class Fixture extends Notebook {
        @Override
        public String id() {
            return "fixture";
        }

        @Override
        protected void define() {
            cell("In [1]", "stub", out -> {
                out.print("before");
                throw new NotImplementedException("1.4 Sequential.get");
            });
            cell("In [2]", "needsStub", out -> "never", "In [1]");
            cell("In [3]", "alone", out -> true);
            cell("In [4]", "fails", out -> {
                throw new IllegalStateException("boom");
            });
            cell("In [5]", "needsFailed", out -> 1, "In [4]");
        }
    }

    private static RecordedCells recording(String id, String... labels) {
        List<RecordedCells.RecordedCell> cells = java.util.Arrays.stream(labels)
                .map(l -> new RecordedCells.RecordedCell(l, "x", "True\n")).toList();
        return new RecordedCells("1.13", "3.11", List.of(new RecordedCells.RecordedNotebook(id, "t", 1, "f", cells)));
    }

    @Test
    void aStubNamesItsExerciseTheCellsThatNeedItAreSkippedAndTheTourGoesOn() {
        List<CellResult> results = new Tour(recording("fixture", "In [1]", "In [2]", "In [3]", "In [4]", "In [5]"),
                Duration.ofSeconds(5)).run(List.of(new Fixture()));

        assertThat(results).extracting(CellResult::status).containsExactly(Status.NOT_IMPLEMENTED, Status.SKIPPED,
                Status.SAME_UP_TO_JAVA, Status.FAILED, Status.SKIPPED);
        assertThat(results.get(0).detail()).isEqualTo("do exercise 1.4 Sequential.get first");
        assertThat(results.get(0).java()).isEqualTo("before\n");
        assertThat(results.get(1).detail()).isEqualTo("needs In [1] first, which needs exercise 1.4 Sequential.get");
        assertThat(results.get(3).detail()).startsWith("IllegalStateException: boom");
        assertThat(results.get(4).detail()).isEqualTo("needs In [4] first, which did not run");
    }

    @Test
    void theSummaryCountsOnlyWhatTheLearnersCodePrintedAsCompared() {
        List<CellResult> results = List.of(result(Status.NOTHING_TO_COMPARE), result(Status.NOTHING_TO_COMPARE),
                result(Status.NOT_IMPLEMENTED), result(Status.SAME));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        new TourPrinter(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), null, true)
                .summary(results, 4);

        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("Tour: 4 of 4 cells: 1 same,"
                + " 2 nothing to compare, 1 exercise to do first; your code printed something to compare in 1 of them");
    }

    private static CellResult result(Status status) {
        return new CellResult("d2l", "In [1]", "m", "x", "", "", status, "", List.of(), "1.1 Linear");
    }

    @Test
    void eachResultIsHandedOnAsSoonAsItsCellHasRun() {
        List<String> seen = new java.util.ArrayList<>();
        List<CellResult> results = new Tour(recording("fixture", "In [1]", "In [2]", "In [3]", "In [4]", "In [5]"),
                Duration.ofSeconds(5)).run(List.of(new Fixture()), r -> seen.add(r.label()));

        assertThat(seen).containsExactly("In [1]", "In [2]", "In [3]", "In [4]", "In [5]");
        assertThat(results).extracting(CellResult::label).containsExactlyElementsOf(seen);
    }

    @Test
    void aCellThatDoesNotEndStopsTheTourInsteadOfHangingIt() {
        Notebook endless = new Notebook() {
            @Override
            public String id() {
                return "fixture";
            }

            @Override
            protected void define() {
                cell("In [1]", "loop", out -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait();
                    }
                    return null;
                });
                cell("In [2]", "after", out -> true);
            }
        };

        List<CellResult> results = new Tour(recording("fixture", "In [1]", "In [2]"), Duration.ofMillis(200))
                .run(List.of(endless));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.detail()).contains("did not finish", "the tour stops here");
        });
    }

    @Test
    void cellsThatDoNotPairUpWithTheRecordingAreAnErrorNamingBothLists() {
        assertThatThrownBy(() -> new Tour(recording("fixture", "In [1]"), Duration.ofSeconds(1)).run(List.of(new Fixture())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[In [1], In [2]")
                .hasMessageContaining("do not pair up");
    }

    @Test
    void aTupleShowsAsPythonShowsOne() {
        assertThat(Tuple.of("weight", 3).toString()).isEqualTo("('weight', 3)");
        assertThat(Tuple.of("it's").toString()).isEqualTo("(\"it's\",)");
        assertThat(Tuple.of((Object) null).toString()).isEqualTo("(None,)");
    }

    @Test
    void aRecordingThatIsMissingIsAnErrorThatSaysHowToGetItBack() {
        assertThatThrownBy(() -> RecordedCells.read(java.nio.file.Path.of("no-such-file.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("git checkout reference-models/tour");
    }
}
