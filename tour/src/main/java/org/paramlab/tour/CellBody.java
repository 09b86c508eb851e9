package org.paramlab.tour;

/**
 * The Java of one notebook cell: it prints through {@code out}, as the Python cell prints, and
 * returns the value of its last expression (shown as a notebook shows it), or {@code null} when
 * the cell ends with a statement.
 */
@FunctionalInterface
public interface CellBody {

    /**
     * Runs the cell.
     *
     * @param out where the cell's {@code print} calls go
     * @return the value a notebook would display after the cell, or {@code null} for none
     * @throws Exception whatever the learner's code throws; the tour reports it and goes on
     */
    Object run(CellOutput out) throws Exception;
}
