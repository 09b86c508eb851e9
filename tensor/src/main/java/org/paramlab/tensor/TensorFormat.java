package org.paramlab.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PyTorch's tensor printing, character for character: what {@code repr(t)} and
 * {@code print(t)} show in PyTorch 1.13 with the default print options (precision 4, line
 * width 80, summarization above 1000 elements with 3 edge items, scientific notation chosen
 * automatically). A port of {@code torch/_tensor_str.py}, so that a Java tensor prints as the
 * notebook's output does, e.g.
 * <pre>
 * tensor([[ 0.1524, -0.2269, -0.0838,  0.3527],
 *         [-0.4422,  0.1440, -0.1230,  0.4052]], requires_grad=True)
 * </pre>
 *
 * <p>The rules ({@code _Formatter} in {@code _tensor_str.py}), applied to the float32 values
 * read as doubles:
 * <ul>
 *   <li><b>integer mode</b> when every finite nonzero value is a whole number: {@code 42.};</li>
 *   <li><b>scientific notation</b> ({@code 8.4527e-03}) when, over the finite nonzero absolute
 *       values, max / min &gt; 1000 or max &gt; 1e8, or (outside integer mode) min &lt; 1e-4;</li>
 *   <li>otherwise <b>fixed</b> with 4 decimals ({@code -0.2269});</li>
 *   <li>every element is right-aligned to the widest finite nonzero one; {@code nan},
 *       {@code inf}, {@code -inf} are printed as Python prints them; a negative zero keeps
 *       its sign ({@code -0.}, {@code -0.0000});</li>
 *   <li>rounding is Python's: the exact binary value, ties to even ({@code 0.03125} prints
 *       {@code 0.0312}).</li>
 * </ul>
 */
public final class TensorFormat {

    /** {@code PRINT_OPTS.precision}. */
    private static final int PRECISION = 4;
    /** {@code PRINT_OPTS.threshold}: more elements than this are summarized with "...". */
    private static final int THRESHOLD = 1000;
    /** {@code PRINT_OPTS.edgeitems}. */
    private static final int EDGE_ITEMS = 3;
    /** {@code PRINT_OPTS.linewidth}. */
    private static final int LINE_WIDTH = 80;

    private static final String PREFIX = "tensor(";
    private static final MathContext SCI_DIGITS = new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN);

    private TensorFormat() {
    }

    /**
     * PyTorch's {@code repr(tensor)} ({@code torch._tensor_str._str}) for a CPU tensor.
     *
     * <p>{@code suffixes} are appended after the data as PyTorch appends its own, each after
     * {@code ", "}, or on a new line indented by 7 columns when the last line would pass 80
     * columns: for example {@code "requires_grad=True"} (a leaf that requires grad, such as a
     * {@code Parameter}: note that PyTorch prints a parameter as {@code "Parameter containing:\n"}
     * followed by this repr) or {@code "grad_fn=<AddBackward0>"}. For a tensor with no elements
     * the method adds PyTorch's own {@code size=(2, 0)} (unless it is 1-D) and
     * {@code dtype=torch.bool} suffixes before them.
     *
     * @param values   the elements, row-major ({@code shape []} holds one value); for
     *                 {@link DType#BOOL} each value must be 0 or 1
     * @param shape    the sizes of the dimensions, each at least 0
     * @param dtype    how to read and print the values
     * @param suffixes extra suffixes in order (may be empty, not null)
     * @return the repr, e.g. {@code tensor([42., 42.])} or {@code tensor(0.)}
     * @throws IllegalArgumentException if the number of values does not match the shape, a size
     *                                  is negative, or a BOOL value is not 0 or 1
     */
    public static String repr(float[] values, int[] shape, DType dtype, List<String> suffixes) {
        Objects.requireNonNull(values, "TensorFormat.repr: values must not be null");
        Objects.requireNonNull(dtype, "TensorFormat.repr: dtype must not be null");
        Objects.requireNonNull(suffixes, "TensorFormat.repr: suffixes must not be null (use List.of())");
        long numel = numel(shape, "TensorFormat.repr");
        if (numel != values.length) {
            throw new IllegalArgumentException("TensorFormat.repr: expected " + numel + " values for shape "
                    + dims(shape) + " (the product of the sizes) but got " + values.length);
        }
        if (dtype == DType.BOOL) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] != 0f && values[i] != 1f) {
                    throw new IllegalArgumentException("TensorFormat.repr: a BOOL tensor holds 0 (False) or 1 (True)"
                            + " but values[" + i + "] was " + values[i]);
                }
            }
        }
        List<String> allSuffixes = new ArrayList<>();
        String body;
        if (numel == 0) {
            if (shape.length != 1) {
                allSuffixes.add("size=" + tuple(shape));
            }
            if (dtype != DType.FLOAT32) {
                allSuffixes.add("dtype=torch.bool");
            }
            body = "[]";
        } else {
            body = tensorStr(values, shape.clone(), dtype, PREFIX.length());
        }
        for (String suffix : suffixes) {
            allSuffixes.add(Objects.requireNonNull(suffix, "TensorFormat.repr: a suffix was null"));
        }
        return addSuffixes(PREFIX + body, allSuffixes, PREFIX.length());
    }

    /**
     * PyTorch's {@code str(tensor.shape)}, e.g. {@code torch.Size([8, 4])}, or
     * {@code torch.Size([])} for a scalar.
     *
     * @param shape the sizes of the dimensions, each at least 0
     * @return the text of the {@code torch.Size}
     * @throws IllegalArgumentException if a size is negative
     */
    public static String size(int[] shape) {
        numel(shape, "TensorFormat.size");
        return "torch.Size(" + dims(shape) + ")";
    }

    // ------------------------------------------------------------------------------------------
    // _tensor_str and friends
    // ------------------------------------------------------------------------------------------

    private static String tensorStr(float[] values, int[] shape, DType dtype, int indent) {
        boolean summarize = values.length > THRESHOLD;
        List<Float> shown = new ArrayList<>();
        if (summarize) {
            summarizedData(values, shape, 0, 0, shown);
        } else {
            for (float v : values) {
                shown.add(v);
            }
        }
        Formatter formatter = new Formatter(shown, dtype);
        return tensorStrWithFormatter(values, shape, 0, 0, indent, summarize, formatter);
    }

    /** {@code get_summarized_data}: the elements that will be shown, flattened. */
    private static void summarizedData(float[] values, int[] shape, int dim, int offset, List<Float> out) {
        if (dim == shape.length) {
            out.add(values[offset]);
            return;
        }
        int size = shape[dim];
        int stride = stride(shape, dim);
        for (int i = 0; i < size; i++) {
            if (size > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                i = size - EDGE_ITEMS;
            }
            summarizedData(values, shape, dim + 1, offset + i * stride, out);
        }
    }

    /** {@code _tensor_str_with_formatter} for the sub-tensor at {@code offset} from dimension {@code dim}. */
    private static String tensorStrWithFormatter(float[] values, int[] shape, int dim, int offset, int indent,
                                                 boolean summarize, Formatter formatter) {
        int rank = shape.length - dim;
        if (rank == 0) {
            return formatter.format(values[offset]);
        }
        int size = shape[dim];
        if (rank == 1) {
            return vectorStr(values, size, offset, indent, summarize, formatter);
        }
        int stride = stride(shape, dim);
        List<String> slices = new ArrayList<>();
        boolean cut = summarize && size > 2 * EDGE_ITEMS;
        for (int i = 0; i < size; i++) {
            if (cut && i == EDGE_ITEMS) {
                slices.add("...");
                i = size - EDGE_ITEMS;
            }
            slices.add(tensorStrWithFormatter(values, shape, dim + 1, offset + i * stride, indent + 1,
                    summarize, formatter));
        }
        String separator = "," + "\n".repeat(rank - 1) + " ".repeat(indent + 1);
        return "[" + String.join(separator, slices) + "]";
    }

    /** {@code _vector_str}: one row, wrapped at the line width. */
    private static String vectorStr(float[] values, int size, int offset, int indent, boolean summarize,
                                    Formatter formatter) {
        int elementLength = formatter.width() + 2;
        int elementsPerLine = Math.max(1, Math.floorDiv(LINE_WIDTH - indent, elementLength));
        List<String> data = new ArrayList<>();
        boolean cut = summarize && size > 2 * EDGE_ITEMS;
        for (int i = 0; i < size; i++) {
            if (cut && i == EDGE_ITEMS) {
                data.add(" ...");
                i = size - EDGE_ITEMS;
            }
            data.add(formatter.format(values[offset + i]));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < data.size(); i += elementsPerLine) {
            lines.add(String.join(", ", data.subList(i, Math.min(data.size(), i + elementsPerLine))));
        }
        return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
    }

    /** {@code _add_suffixes}, including its way of measuring the last line (2 more than its length). */
    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent) {
        StringBuilder out = new StringBuilder(tensorStr);
        int lastLineLength = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLength + suffix.length() + 2 > LINE_WIDTH) {
                out.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLength = indent + suffix.length();
            } else {
                out.append(", ").append(suffix);
                lastLineLength += suffix.length() + 2;
            }
        }
        return out.append(')').toString();
    }

    /** {@code _Formatter}: picks the mode and the width from the values that will be shown. */
    private static final class Formatter {
        private final boolean floating;
        private boolean intMode = true;
        private boolean sciMode = false;
        private int maxWidth = 1;

        Formatter(List<Float> shown, DType dtype) {
            floating = dtype == DType.FLOAT32;
            if (!floating) {
                for (float v : shown) {
                    maxWidth = Math.max(maxWidth, boolString(v).length());
                }
                return;
            }
            List<Double> finite = new ArrayList<>();
            for (float v : shown) {
                if (Float.isFinite(v) && v != 0f) {
                    finite.add((double) v);
                }
            }
            if (finite.isEmpty()) {
                return;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = 0.0;
            for (double v : finite) {
                min = Math.min(min, Math.abs(v));
                max = Math.max(max, Math.abs(v));
                if (v != Math.ceil(v)) {
                    intMode = false;
                }
            }
            if (intMode) {
                if (max / min > 1000.0 || max > 1.0e8) {
                    sciMode = true;
                    for (double v : finite) {
                        maxWidth = Math.max(maxWidth, scientific(v).length());
                    }
                } else {
                    for (double v : finite) {
                        maxWidth = Math.max(maxWidth, fixed(v, 0).length() + 1);
                    }
                }
            } else if (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4) {
                sciMode = true;
                for (double v : finite) {
                    maxWidth = Math.max(maxWidth, scientific(v).length());
                }
            } else {
                for (double v : finite) {
                    maxWidth = Math.max(maxWidth, fixed(v, PRECISION).length());
                }
            }
        }

        int width() {
            return maxWidth;
        }

        String format(float value) {
            String text;
            if (!floating) {
                text = boolString(value);
            } else if (sciMode) {
                text = scientific(value);
            } else if (intMode) {
                text = fixed(value, 0);
                if (Float.isFinite(value)) {
                    text += ".";
                }
            } else {
                text = fixed(value, PRECISION);
            }
            return text.length() >= maxWidth ? text : " ".repeat(maxWidth - text.length()) + text;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Python's float formatting ("{:.4f}", "{:.0f}", "{:.4e}")
    // ------------------------------------------------------------------------------------------

    private static String boolString(float value) {
        return value != 0f ? "True" : "False";
    }

    /** Python's {@code "{:.Nf}".format(v)}: exact binary value, ties to even, sign kept on -0. */
    private static String fixed(double v, int decimals) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        String digits = new BigDecimal(Math.abs(v)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return sign(v) + digits;
    }

    /** Python's {@code "{:.4e}".format(v)}: e.g. {@code 8.4527e-03}, {@code -1.0000e+10}. */
    private static String scientific(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        String mantissa;
        int exponent;
        if (v == 0.0) {
            mantissa = "0" + "0".repeat(PRECISION);
            exponent = 0;
        } else {
            BigDecimal rounded = new BigDecimal(Math.abs(v)).round(SCI_DIGITS);
            String unscaled = rounded.unscaledValue().toString();
            exponent = unscaled.length() - 1 - rounded.scale();
            StringBuilder padded = new StringBuilder(unscaled);
            while (padded.length() < PRECISION + 1) {
                padded.append('0');
            }
            mantissa = padded.substring(0, PRECISION + 1);
        }
        String exp = Integer.toString(Math.abs(exponent));
        return sign(v) + mantissa.charAt(0) + "." + mantissa.substring(1)
                + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return null;
    }

    private static String sign(double v) {
        return (Double.doubleToRawLongBits(v) < 0) ? "-" : "";
    }

    // ------------------------------------------------------------------------------------------
    // Shapes
    // ------------------------------------------------------------------------------------------

    private static long numel(int[] shape, String where) {
        Objects.requireNonNull(shape, where + ": shape must not be null (use new int[0] for a scalar)");
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException(where + ": expected sizes >= 0 but shape " + dims(shape)
                        + " has " + shape[i] + " at dimension " + i);
            }
            n *= shape[i];
        }
        return n;
    }

    private static int stride(int[] shape, int dim) {
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        return stride;
    }

    /** {@code [8, 4]}. */
    private static String dims(int[] shape) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            out.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return out.append(']').toString();
    }

    /** Python's {@code str(tuple(shape))}: {@code (2, 0)}, {@code (0,)}. */
    private static String tuple(int[] shape) {
        String inner = dims(shape);
        inner = inner.substring(1, inner.length() - 1);
        return "(" + inner + (shape.length == 1 ? ",)" : ")");
    }
}
