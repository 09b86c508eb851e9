package org.paramlab.tour;

import java.util.List;

/**
 * One code cell of a notebook in Java.
 *
 * @param label    the notebook's own label, such as {@code In [3]}
 * @param method   the name of the notebook class's method that holds the cell (its source is shown)
 * @param requires the labels of earlier cells this one needs: the variables they define, or the random
 *                 numbers they draw first (a skipped draw would shift every later number)
 * @param body     the cell's Java
 */
public record Cell(String label, String method, List<String> requires, CellBody body) {

    /** Validates the parts. */
    public Cell {
        if (label == null || label.isBlank() || method == null || method.isBlank() || body == null) {
            throw new IllegalArgumentException("a cell needs a label, a method name and a body; got label="
                    + label + ", method=" + method);
        }
        requires = List.copyOf(requires);
    }
}
