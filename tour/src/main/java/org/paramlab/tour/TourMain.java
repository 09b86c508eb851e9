package org.paramlab.tour;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The notebook tour's command line (README: {@code ./mvnw -q -Ptour compile exec:java@tour}).
 *
 * <pre>
 * --recorded FILE   PyTorch's recorded cells (reference-models/tour/pytorch-cells.json)
 * --sources DIR     the tour's src/main/java, to show each cell's Java
 * --code NAME       whose nn/ code runs: exercises (yours) or solutions
 * --student-sources DIR  that code's src/main/java: the exercises whose stubs are still in it count for "Next"
 * --notebook ID     only this notebook (d2l or eager)
 * --brief           a line per cell; in full only the cells that differ or fail
 * </pre>
 * {@code -Dtour.notebook=eager} and {@code -Dtour.brief=true} set the last two from Maven.
 */
public final class TourMain {

    private TourMain() {
    }

    /** Runs the tour and prints it; exits with status 2 on a usage error. */
    public static void main(String[] args) {
        Path recorded = null;
        Path sources = null;
        Path studentSources = null;
        String code = "exercises";
        String only = System.getProperty("tour.notebook");
        boolean brief = Boolean.getBoolean("tour.brief");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--recorded" -> recorded = Path.of(value(args, ++i));
                case "--sources" -> sources = Path.of(value(args, ++i));
                case "--code" -> code = value(args, ++i);
                case "--student-sources" -> studentSources = Path.of(value(args, ++i));
                case "--notebook" -> only = value(args, ++i);
                case "--brief" -> brief = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (recorded == null) {
            usage("--recorded FILE is required");
        }
        RecordedCells cells;
        try {
            cells = RecordedCells.read(recorded);
        } catch (IllegalArgumentException e) {
            System.err.println("tour: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<Notebook> notebooks = new ArrayList<>();
        for (Notebook notebook : Tour.notebooks()) {
            if (only == null || only.isBlank() || only.equals(notebook.id())) {
                notebooks.add(notebook);
            }
        }
        if (notebooks.isEmpty()) {
            usage("no notebook \"" + only + "\"; the notebooks are d2l and eager");
        }
        int expected = notebooks.stream().mapToInt(n -> n.cells().size()).sum();
        System.out.println("The notebook tour: " + expected + " cells in Java over " + ("solutions".equals(code)
                ? "the solutions" : "your code (exercises/)") + ", beside what PyTorch " + cells.torch()
                + " printed (seeded run of reference-models/export_tour.py).");
        TourPrinter printer = new TourPrinter(System.out, new JavaSource(sources), brief);
        Map<String, Class<?>> classes = new HashMap<>();
        notebooks.forEach(n -> classes.put(n.id(), n.getClass()));
        List<CellResult> results = new Tour(cells, Tour.CELL_LIMIT).run(notebooks,
                result -> printer.cell(result, classes.get(result.notebook())));
        printer.summary(results, expected, StubCensus.scan(studentSources));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("tour: " + problem + "\nusage: TourMain --recorded FILE [--sources DIR] [--code exercises|solutions]"
                + " [--student-sources DIR] [--notebook d2l|eager] [--brief]");
        System.exit(2);
    }
}
