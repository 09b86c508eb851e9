package org.paramlab.tour;

import java.util.ArrayList;
import java.util.List;

/**
 * A notebook in Java: its cells in order, and the variables they share (fields of the subclass, as
 * a notebook's cells share its globals). A fresh object runs a notebook once.
 */
public abstract class Notebook {

    private final List<Cell> cells = new ArrayList<>();

    /** The id the recorded PyTorch run uses for this notebook ({@code d2l}, {@code eager}). */
    public abstract String id();

    /** The cells, in the notebook's order. */
    public final List<Cell> cells() {
        if (cells.isEmpty()) {
            define();
        }
        return List.copyOf(cells);
    }

    /** Adds every cell with {@link #cell}, in order. */
    protected abstract void define();

    /**
     * Adds a cell.
     *
     * @param label    the notebook's label, {@code In [3]}
     * @param method   the name of the method that holds it (its body is shown beside the Python)
     * @param body     the method itself ({@code this::lazyNet})
     * @param requires labels of earlier cells it needs
     */
    protected final void cell(String label, String method, CellBody body, String... requires) {
        cells.add(new Cell(label, method, List.of(requires), body));
    }

    /** Python's tuple, for a cell whose last line is one: {@code tuple(type(b), b.data)}. */
    protected static Tuple tuple(Object... items) {
        return Tuple.of(items);
    }
}
