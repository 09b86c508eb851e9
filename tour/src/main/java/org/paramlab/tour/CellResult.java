package org.paramlab.tour;

import java.util.List;

/**
 * What one cell did in the tour.
 *
 * @param notebook    the notebook's id
 * @param label       the cell's label, {@code In [3]}
 * @param method      the Java method that holds the cell
 * @param python      the cell's Python
 * @param pytorch     what PyTorch printed
 * @param java        what the Java printed (what it printed before failing, for a cell that failed)
 * @param status      the verdict
 * @param detail      why, for a cell that did not run or failed (the exercise to do, the exception);
 *                    for "same up to Java", what was told apart; for "differs", a known cause if the
 *                    tour recognizes one; empty otherwise
 * @param diff        for "differs", the unified diff from PyTorch's output to Java's
 * @param exercise    for a cell that needs a stub (or whose required cell does), the stub's exercise, such
 *                    as {@code 1.4 Sequential.get}; {@code null} otherwise
 */
public record CellResult(String notebook, String label, String method, String python, String pytorch, String java,
                         Status status, String detail, List<String> diff, String exercise) {

    /** Copies the diff. */
    public CellResult {
        diff = List.copyOf(diff);
    }
}
