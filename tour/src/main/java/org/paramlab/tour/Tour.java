package org.paramlab.tour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.paramlab.exercise.NotImplementedException;
import org.paramlab.tensor.Generator;

/**
 * Runs the notebooks' cells in Java, in order, each beside PyTorch's recorded output.
 *
 * <p>Before a notebook's first cell the default generator is seeded as the recording was
 * ({@code torch.manual_seed}), so both sides draw the same numbers. A cell that reaches a stub says
 * which exercise to do first and the tour goes on; a cell that needs it (its variables, or the random
 * numbers it would have drawn) is skipped with the same advice. A cell that runs longer than the time
 * limit (an endless loop in the learner's code) ends the tour, since its thread cannot be stopped.
 */
public final class Tour {

    /** How long one cell may run. */
    public static final Duration CELL_LIMIT = Duration.ofSeconds(10);

    private final RecordedCells recorded;
    private final Duration cellLimit;

    /**
     * @param recorded  PyTorch's side
     * @param cellLimit how long one cell may run
     */
    public Tour(RecordedCells recorded, Duration cellLimit) {
        this.recorded = recorded;
        this.cellLimit = cellLimit;
    }

    /** The notebooks of the tour, in the order of the recording. */
    public static List<Notebook> notebooks() {
        return List.of(new D2lNotebook(), new EagerNotebook());
    }

    /**
     * Runs every cell of the notebooks.
     *
     * @throws IllegalStateException when a notebook's cells and the recording's do not pair up (a label
     *                               missing on either side)
     */
    public List<CellResult> run(List<Notebook> notebooks) {
        return run(notebooks, result -> { });
    }

    /**
     * Runs every cell of the notebooks, handing each result to {@code onCell} as soon as the cell has run (the
     * command line prints it then, so that a slow cell shows where the tour is).
     *
     * @throws IllegalStateException when a notebook's cells and the recording's do not pair up
     */
    public List<CellResult> run(List<Notebook> notebooks, Consumer<CellResult> onCell) {
        List<CellResult> results = new ArrayList<>();
        Consumer<CellResult> record = result -> {
            results.add(result);
            onCell.accept(result);
        };
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tour-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Notebook notebook : notebooks) {
                if (!runNotebook(notebook, worker, record)) {
                    break;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return List.copyOf(results);
    }

    /** @return false when a cell hung and the tour must stop */
    private boolean runNotebook(Notebook notebook, ExecutorService worker, Consumer<CellResult> record) {
        RecordedCells.RecordedNotebook python = recorded.notebook(notebook.id());
        List<Cell> cells = notebook.cells();
        List<String> javaLabels = cells.stream().map(Cell::label).toList();
        List<String> pythonLabels = python.cells().stream().map(RecordedCells.RecordedCell::label).toList();
        if (!javaLabels.equals(pythonLabels)) {
            throw new IllegalStateException("notebook " + notebook.id() + ": the Java cells " + javaLabels
                    + " do not pair up with the recorded PyTorch cells " + pythonLabels);
        }
        Generator.manualSeed(python.seed());
        Map<String, CellResult> byLabel = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            RecordedCells.RecordedCell pythonCell = python.cells().get(i);
            CellResult blocker = firstBlocker(cell, byLabel);
            CellResult result;
            if (blocker != null) {
                result = result(notebook, cell, pythonCell, "", Status.SKIPPED, "needs " + blocker.label()
                        + " first, which " + (blocker.exercise() != null ? "needs exercise " + blocker.exercise()
                        : "did not run"), List.of(), blocker.exercise());
            } else {
                CellOutput out = new CellOutput();
                Future<Object> running = worker.submit(() -> cell.body().run(out));
                try {
                    Object value = running.get(cellLimit.toMillis(), TimeUnit.MILLISECONDS);
                    result = compared(notebook, cell, pythonCell, out, value);
                } catch (TimeoutException e) {
                    running.cancel(true);
                    record.accept(result(notebook, cell, pythonCell, out.text(), Status.FAILED, "did not finish in "
                            + cellLimit.toSeconds() + " s (an endless loop?); the tour stops here", List.of(), null));
                    return false;
                } catch (ExecutionException e) {
                    result = failed(notebook, cell, pythonCell, out, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            byLabel.put(cell.label(), result);
            record.accept(result);
        }
        return true;
    }

    /** The first required cell that did not run to the end, or null. */
    private static CellResult firstBlocker(Cell cell, Map<String, CellResult> earlier) {
        for (String label : cell.requires()) {
            CellResult required = earlier.get(label);
            if (required == null) {
                throw new IllegalStateException(cell.label() + " requires " + label + ", which is not an earlier cell");
            }
            boolean ran = required.status() != Status.NOT_IMPLEMENTED && required.status() != Status.SKIPPED
                    && required.status() != Status.FAILED;
            if (!ran) {
                return required;
            }
        }
        return null;
    }

    private static CellResult compared(Notebook notebook, Cell cell, RecordedCells.RecordedCell python,
                                       CellOutput out, Object value) {
        if (value != null) {
            out.print(value);
        }
        OutputComparison.Verdict verdict = OutputComparison.compare(python.output(), out.text());
        return result(notebook, cell, python, out.text(), verdict.status(), String.join("; ", verdict.differences()),
                verdict.diff(), null);
    }

    private static CellResult failed(Notebook notebook, Cell cell, RecordedCells.RecordedCell python,
                                     CellOutput out, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof NotImplementedException stub) {
                return result(notebook, cell, python, out.text(), Status.NOT_IMPLEMENTED,
                        "do exercise " + stub.exercise() + " first", List.of(), stub.exercise());
            }
        }
        StackTraceElement where = firstLearnerFrame(thrown);
        return result(notebook, cell, python, out.text(), Status.FAILED, thrown.getClass().getSimpleName() + ": "
                + thrown.getMessage() + (where == null ? "" : " (at " + where.getFileName() + ":"
                + where.getLineNumber() + ")"), List.of(), null);
    }

    /** Where in org.paramlab.nn (the learner's code) the exception came from, if it did. */
    private static StackTraceElement firstLearnerFrame(Throwable thrown) {
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("org.paramlab.nn.")) {
                return frame;
            }
        }
        return null;
    }

    private static CellResult result(Notebook notebook, Cell cell, RecordedCells.RecordedCell python, String java,
                                     Status status, String detail, List<String> diff, String exercise) {
        return new CellResult(notebook.id(), cell.label(), cell.method(), python.python(), python.output(), java,
                status, detail, diff, exercise);
    }
}
