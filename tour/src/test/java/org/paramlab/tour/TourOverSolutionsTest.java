package org.paramlab.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The tour over the solutions: every cell of both notebooks runs and prints what PyTorch printed. */
class TourOverSolutionsTest {

    private static RecordedCells recorded() {
        return RecordedCells.read(Path.of(System.getProperty("paramlab.tour.recorded")));
    }

    @Test
    void everyCellOfBothNotebooksPrintsWhatPyTorchPrinted() {
        assumeTrue("solutions".equals(System.getProperty("paramlab.tour.code")),
                "the tour's own test runs over the solutions (mvn -Psolutions test)");
        List<CellResult> results = new Tour(recorded(), Tour.CELL_LIMIT).run(Tour.notebooks());

        assertThat(results).hasSize(29);
        String mismatches = results.stream().filter(r -> !r.status().matches())
                .map(r -> r.notebook() + " " + r.label() + ": " + r.status().text() + " " + r.detail() + "\n"
                        + String.join("\n", r.diff()))
                .collect(Collectors.joining("\n\n"));
        assertThat(mismatches).as("cells whose Java does not print what PyTorch printed").isEmpty();
        // the cells that differ only in Java's spelling: true for True, Java's type names
        assertThat(results.stream().filter(r -> r.status() == Status.SAME_UP_TO_JAVA)
                .map(r -> r.notebook() + " " + r.label()))
                .containsExactly("d2l In [21]", "d2l In [22]", "eager In [13]", "eager In [14]");
    }

    @Test
    void everyRecordedCellHasItsJavaAndTheJavaSourceIsShown() {
        RecordedCells recorded = recorded();
        JavaSource sources = new JavaSource(Path.of(System.getProperty("paramlab.tour.sources")));
        for (Notebook notebook : Tour.notebooks()) {
            assertThat(notebook.cells()).extracting(Cell::label).containsExactlyElementsOf(
                    recorded.notebook(notebook.id()).cells().stream().map(RecordedCells.RecordedCell::label).toList());
            for (Cell cell : notebook.cells()) {
                assertThat(sources.body(notebook.getClass(), cell.method())).as(notebook.id() + " " + cell.label())
                        .isPresent();
            }
        }
    }

    @Test
    void theTourJavaNeedsNoCast() throws Exception {
        Path dir = Path.of(System.getProperty("paramlab.tour.sources"), "org/paramlab/tour");
        for (String file : List.of("D2lNotebook.java", "EagerNotebook.java")) {
            String text = java.nio.file.Files.readString(dir.resolve(file));
            assertThat(text).as(file).doesNotContainPattern("\\((Linear|LazyLinear|Sequential|Module|NestMLP"
                    + "|FixedHiddenMLP|Parameter|Tensor)\\)\\s*\\w");
        }
    }
}
