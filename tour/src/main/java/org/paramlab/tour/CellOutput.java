package org.paramlab.tour;

/**
 * What a cell prints, collected as Python's {@code print} would write it.
 */
public final class CellOutput {

    private final StringBuilder text = new StringBuilder();

    /**
     * Python's {@code print(a, b, ...)}: the values' texts joined by spaces, then a line break. A
     * {@code String} prints as itself; anything else as its {@code toString()}, so that a tensor
     * prints as {@code tensor([...])} and a {@link Tuple} as {@code ('weight', torch.Size([8, 4]))}.
     *
     * @param values what to print; none prints an empty line, as {@code print()} does
     */
    public void print(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(values[i]);
        }
        text.append('\n');
    }

    /** Everything printed so far. */
    public String text() {
        return text.toString();
    }
}
