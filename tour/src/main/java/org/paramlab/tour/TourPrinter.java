package org.paramlab.tour;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ExerciseProgress;

/**
 * Prints the tour: each cell's Python and Java, what PyTorch printed and what the Java printed, and its
 * verdict; then a count per verdict and what to do next.
 */
public final class TourPrinter {

    private static final String RULE = "=".repeat(100);
    /** The Maven Wrapper as it is typed here (the grader's MavenCommand, which this module does not depend on). */
    private static final String MAVEN = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            .startsWith("windows") ? "mvnw.cmd" : "./mvnw";

    private final PrintStream out;
    private final JavaSource sources;
    private final boolean brief;

    /**
     * @param out     where to print
     * @param sources the Java of each cell
     * @param brief   a line per cell; in full only the cells that differ or fail
     */
    public TourPrinter(PrintStream out, JavaSource sources, boolean brief) {
        this.out = out;
        this.sources = sources;
        this.brief = brief;
    }

    /** Prints one cell. */
    public void cell(CellResult cell, Class<?> notebookClass) {
        String head = "[" + cell.notebook() + " " + cell.label() + "] " + cell.status().text()
                + (cell.detail().isEmpty() ? "" : ": " + cell.detail());
        if (brief && cell.status() != Status.DIFFERS && cell.status() != Status.FAILED) {
            out.println(head);
            return;
        }
        out.println(RULE);
        out.println(head);
        out.println("-- Python");
        indent(cell.python().stripTrailing());
        sources.body(notebookClass, cell.method()).ifPresent(java -> {
            out.println("-- Java (" + notebookClass.getSimpleName() + "." + cell.method() + ")");
            indent(java.isBlank() ? "// nothing to run" : java);
        });
        switch (cell.status()) {
            case SAME -> output("-- PyTorch and Java print", cell.pytorch());
            case NOTHING_TO_COMPARE -> out.println("-- PyTorch and Java print nothing: nothing to compare");
            case SAME_UP_TO_JAVA -> {
                output("-- PyTorch prints", cell.pytorch());
                output("-- Java prints", cell.java());
            }
            case DIFFERS -> {
                output("-- PyTorch prints", cell.pytorch());
                output("-- Java prints", cell.java());
                out.println("-- difference (- PyTorch, + Java)");
                cell.diff().forEach(line -> out.println("   " + line));
            }
            default -> {
                output("-- PyTorch prints", cell.pytorch());
                if (!cell.java().isEmpty()) {
                    output("-- Java printed, before it stopped", cell.java());
                }
            }
        }
    }

    private void output(String title, String text) {
        out.println(title);
        indent(text.isEmpty() ? "(nothing)" : text.stripTrailing());
    }

    private void indent(String text) {
        text.lines().forEach(line -> out.println("   " + line));
    }

    /** Prints the count per verdict and what to do next, as if no stub were left in the learner's code. */
    public void summary(List<CellResult> results, int expectedCells) {
        summary(results, expectedCells, Set.of());
    }

    /**
     * Prints the count per verdict and what to do next: the exercise the grader would name too
     * ({@link ExerciseProgress#next()}), from the stubs still in the learner's code and those the cells reached.
     *
     * @param results     the cells' results
     * @param expectedCells how many cells the tour has
     * @param stubsInCode the exercises whose stubs are still in the learner's code ({@link StubCensus})
     */
    public void summary(List<CellResult> results, int expectedCells, Set<Exercise> stubsInCode) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        out.println(RULE);
        StringBuilder line = new StringBuilder("Tour: " + results.size() + " of " + expectedCells + " cells:");
        counts.forEach((status, n) -> line.append(' ').append(n).append(' ').append(status.text()).append(','));
        line.setLength(line.length() - 1);
        long compared = results.stream().filter(r -> r.status().compared()).count();
        line.append("; your code printed something to compare in ").append(compared).append(" of them");
        out.println(line);
        ExerciseProgress.Builder seen = ExerciseProgress.builder();
        stubsInCode.forEach(seen::stub);
        results.stream().filter(r -> r.status() == Status.NOT_IMPLEMENTED).forEach(r -> exerciseOf(r).ifPresent(seen::stub));
        seen.build().next().ifPresentOrElse(
                next -> out.println("Next: do exercise " + next.id() + " (" + next.title() + ")" + results.stream()
                        .filter(r -> r.status() == Status.NOT_IMPLEMENTED && exerciseOf(r).equals(Optional.of(next)))
                        .findFirst().map(r -> ", which cell " + r.notebook() + " " + r.label() + " needs").orElse("")
                        + ", then grade it with `" + MAVEN + " test -Dexercise=" + next.id() + "` and run the tour again."),
                () -> {
                    if (results.stream().anyMatch(r -> r.status() == Status.FAILED || r.status() == Status.DIFFERS)) {
                        out.println("Next: look at the first cell marked \"differs\" or \"failed\" above.");
                    } else {
                        out.println("Every cell runs in Java and prints what PyTorch printed.");
                    }
                });
    }

    /** @return the exercise whose stub a cell needs: the first word of {@code "1.4 Sequential.get"} */
    private static Optional<Exercise> exerciseOf(CellResult cell) {
        return cell.exercise() == null ? Optional.empty() : Exercise.find(cell.exercise().strip().split("\\s+")[0]);
    }
}
