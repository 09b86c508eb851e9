package org.paramlab.tour;

import java.util.List;

import org.paramlab.tensor.OrderedDict;

/**
 * A Python tuple, for the cells whose last line is one ({@code type(b), b.data}): Java has no tuple,
 * so the tour shows a value of this class as Python shows a tuple, {@code (a, b)}, with strings in
 * quotes ({@code ('weight', torch.Size([8, 4]))}).
 *
 * @param items the elements, in order
 */
public record Tuple(List<Object> items) {

    /** A tuple of these elements ({@code null} elements show as {@code None}). */
    public static Tuple of(Object... items) {
        return new Tuple(java.util.Arrays.asList(items.clone()));
    }

    /** Copies the elements. */
    public Tuple {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    /** Python's {@code repr} of the tuple: {@code (a, b)}, and {@code (a,)} for one element. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(repr(items.get(i)));
        }
        if (items.size() == 1) {
            out.append(',');
        }
        return out.append(')').toString();
    }

    /** A string as a Python literal ({@link OrderedDict#pythonString}), null as {@code None}, anything else as itself. */
    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        return value instanceof String s ? OrderedDict.pythonString(s) : String.valueOf(value);
    }
}
