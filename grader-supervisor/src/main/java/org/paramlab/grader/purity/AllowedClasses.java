package org.paramlab.grader.purity;

import java.util.Set;

/**
 * The allow-list: the classes of the JDK that student code may use, and nothing else. It holds what the
 * chapter needs: the core of {@code java.lang}, the collections and their iterators, the functional
 * interfaces, sequential streams, {@code java.math}, regular expressions, random numbers, printing and
 * formatting. A class on the list may still have members that other rules refuse ({@code System.exit},
 * {@code Class.forName}, {@code parallelStream()}, {@code new PrintStream(fileName)}).
 *
 * <p>Why a list of what is allowed rather than of what is not: {@code java.base} has thousands of
 * classes, and a few of them reach beyond the student's own code in ways no one listed
 * ({@code ObjectInputStream} resolves any class name on the classpath). What is not on this list is
 * refused, and a harmless class that a student needs is a line here.
 */
final class AllowedClasses {

    /** Packages allowed whole, their nested classes included. */
    private static final Set<String> PACKAGES = Set.of("java.util.function", "java.math", "java.util.regex");

    /** Classes allowed with their nested classes ({@code Map.Entry}, {@code Character.UnicodeBlock}). */
    private static final Set<String> CLASSES = Set.of(
            // java.lang's core; System, Runtime and Class are allowed member by member by the other rules
            "java.lang.Object", "java.lang.String", "java.lang.StringBuilder", "java.lang.StringBuffer",
            "java.lang.CharSequence", "java.lang.Appendable", "java.lang.Math", "java.lang.StrictMath",
            "java.lang.Number", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Void",
            "java.lang.Iterable", "java.lang.Comparable", "java.lang.Cloneable", "java.lang.AutoCloseable",
            "java.lang.Runnable", "java.lang.Record", "java.lang.Enum", "java.lang.Throwable",
            "java.lang.StackTraceElement", "java.lang.Override", "java.lang.Deprecated",
            "java.lang.SuppressWarnings", "java.lang.SafeVarargs", "java.lang.FunctionalInterface",
            "java.lang.System", "java.lang.Runtime", "java.lang.Class",
            // collections, their iterators, and the utilities around them
            "java.util.Collection", "java.util.List", "java.util.Set", "java.util.Map", "java.util.Queue",
            "java.util.Deque", "java.util.SortedMap", "java.util.NavigableMap", "java.util.SortedSet",
            "java.util.NavigableSet", "java.util.Iterator", "java.util.ListIterator", "java.util.PrimitiveIterator",
            "java.util.Spliterator", "java.util.Spliterators", "java.util.RandomAccess",
            "java.util.AbstractCollection", "java.util.AbstractList", "java.util.AbstractSequentialList",
            "java.util.AbstractSet", "java.util.AbstractMap", "java.util.AbstractQueue", "java.util.ArrayList",
            "java.util.LinkedList", "java.util.ArrayDeque", "java.util.PriorityQueue", "java.util.Stack",
            "java.util.Vector", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
            "java.util.IdentityHashMap", "java.util.EnumMap", "java.util.Hashtable", "java.util.HashSet",
            "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumSet", "java.util.BitSet",
            "java.util.Arrays", "java.util.Collections", "java.util.Comparator", "java.util.Objects",
            "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble",
            "java.util.StringJoiner", "java.util.StringTokenizer", "java.util.IntSummaryStatistics",
            "java.util.LongSummaryStatistics", "java.util.DoubleSummaryStatistics", "java.util.Random",
            "java.util.SplittableRandom", "java.util.Locale", "java.util.Formatter", "java.util.Formattable",
            "java.util.FormattableFlags",
            // sequential streams (parallel() and StreamSupport belong to the no-threads rule)
            "java.util.stream.BaseStream", "java.util.stream.Stream", "java.util.stream.IntStream",
            "java.util.stream.LongStream", "java.util.stream.DoubleStream", "java.util.stream.Collector",
            "java.util.stream.Collectors",
            // a mutable counter inside a lambda
            "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong",
            "java.util.concurrent.atomic.AtomicBoolean", "java.util.concurrent.atomic.AtomicReference",
            // printing to System.out and err, or into a string
            "java.io.PrintStream", "java.io.PrintWriter", "java.io.Writer", "java.io.StringWriter",
            "java.io.OutputStream", "java.io.ByteArrayOutputStream", "java.io.InputStream", "java.io.Closeable",
            "java.io.Flushable", "java.io.Serializable", "java.io.IOException", "java.io.UncheckedIOException",
            // number formatting
            "java.text.NumberFormat", "java.text.DecimalFormat", "java.text.DecimalFormatSymbols",
            "java.text.ParseException");

    /**
     * Packages whose exceptions and errors (classes named {@code ...Exception} or {@code ...Error}) are all
     * allowed: throwing or catching one does nothing by itself.
     */
    private static final Set<String> THROWABLES_OF = Set.of("java.lang", "java.util");

    /** Nested classes of allowed classes that are not allowed: logging, which finds its providers by name. */
    private static final Set<String> NESTED_REFUSED = Set.of("java.lang.System$Logger", "java.lang.System$LoggerFinder");

    private AllowedClasses() {
    }

    /**
     * @param className a class's binary name ({@code java.util.Map$Entry}); an array's component type,
     *                  never the array itself
     * @return whether the allow-list holds it
     */
    static boolean contains(String className) {
        for (String refused : NESTED_REFUSED) {
            if (className.equals(refused) || className.startsWith(refused + "$")) {
                return false;
            }
        }
        int nested = className.indexOf('$');
        String outer = nested < 0 ? className : className.substring(0, nested);
        int dot = outer.lastIndexOf('.');
        String pkg = dot < 0 ? "" : outer.substring(0, dot);
        if (PACKAGES.contains(pkg) || CLASSES.contains(outer)) {
            return true;
        }
        String simpleName = outer.substring(dot + 1);
        return THROWABLES_OF.contains(pkg) && (simpleName.endsWith("Exception") || simpleName.endsWith("Error"));
    }
}
