package org.paramlab.tensor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps insertion order, like Python's {@code collections.OrderedDict}, and prints as
 * Python 3.11 prints one: {@code OrderedDict([('weight', tensor([[ 0.1524, -0.2269]])), ('bias',
 * tensor([0.0321]))])}, or {@code OrderedDict()} when empty. PyTorch's {@code state_dict()} is an
 * {@code OrderedDict}, so a state dict returned as this class prints as PyTorch's does.
 *
 * <p>It is a {@link LinkedHashMap} in every other way (same order, same {@code equals} and
 * {@code hashCode}). In {@link #toString()}, a key or value that is a {@link String} is printed
 * as a Python string literal ({@code '0.weight'}, quoted and escaped as Python's {@code repr}
 * does), {@code null} as {@code None}, anything else by its own {@code toString()}, unchanged:
 * a multi-line tensor keeps its own line breaks and indentation, as in Python.
 *
 * @param <K> the type of the keys
 * @param <V> the type of the values
 * @see <a href="https://docs.python.org/3.11/library/collections.html#collections.OrderedDict">collections.OrderedDict</a>
 */
public class OrderedDict<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    /** An empty ordered dict. */
    public OrderedDict() {
        super();
    }

    /** An ordered dict holding {@code entries}, in their iteration order. */
    public OrderedDict(Map<? extends K, ? extends V> entries) {
        super(entries);
    }

    /**
     * Python's {@code repr}: {@code OrderedDict([('weight', tensor([...])), ('bias', tensor([...]))])},
     * {@code OrderedDict()} when empty.
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "OrderedDict()";
        }
        StringBuilder sb = new StringBuilder("OrderedDict([");
        Iterator<Map.Entry<K, V>> entries = entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<K, V> e = entries.next();
            sb.append('(').append(repr(e.getKey())).append(", ").append(repr(e.getValue())).append(')');
            if (entries.hasNext()) {
                sb.append(", ");
            }
        }
        return sb.append("])").toString();
    }

    private String repr(Object o) {
        if (o == this) {
            return "...";
        }
        if (o == null) {
            return "None";
        }
        if (o instanceof String) {
            return pythonString((String) o);
        }
        return o.toString();
    }

    /**
     * A Python string literal for {@code s}, as {@code repr(s)} writes it: single quotes, or double
     * quotes when {@code s} contains a single quote and no double quote; backslash, the quote
     * character, tab, newline and carriage return escaped, other control characters as
     * {@code \xNN}.
     *
     * @param s the string
     * @return its Python literal, for example {@code '0.weight'}
     */
    public static String pythonString(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(quote).toString();
    }
}
