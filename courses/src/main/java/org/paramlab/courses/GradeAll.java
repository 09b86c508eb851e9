package org.paramlab.courses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.paramlab.grader.report.Text;
import org.paramlab.grader.supervisor.GradingRequest;

/**
 * Grades a folder of submissions into a gradebook: one sub-folder or {@code .zip} per student, each graded
 * by the {@link TrustedGrader} in its own workspace and its own test JVMs, several at once. Each student's
 * reports go to {@code OUT/<id>/}; {@code OUT/gradebook.csv} has one row per submission ({@link Gradebook}).
 * A submission that hangs, crashes, runs out of memory or floods its output costs only its own row.
 *
 * <pre>
 * GradeAll (--repository ROOT | --bundle DIR) --submissions DIR --out DIR [--jobs N] [--budget SECONDS] [--seed N]
 * </pre>
 *
 * Each submission has {@value #DEFAULT_BUDGET_SECONDS} s by default (a complete one takes a few), and
 * {@code --jobs} defaults to the number of cores.
 */
public final class GradeAll {

    /** A submission's whole-run limit in a batch, by default. */
    static final int DEFAULT_BUDGET_SECONDS = 30;

    static final String USAGE = "usage: GradeAll (--repository ROOT | --bundle DIR) --submissions DIR --out DIR"
            + " [--jobs N] [--budget SECONDS] [--seed N] [--assignment NAME] [--course FILE]";

    private GradeAll() {
    }

    /** @param args the options above */
    public static void main(String[] args) throws IOException {
        try {
            run(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("ParamLab: " + e.getMessage());
            System.exit(2);
        }
    }

    static List<Gradebook.Row> run(String[] args) throws IOException {
        CommandLine line = new CommandLine(USAGE, args, Set.of("repository", "bundle", "submissions", "out", "jobs",
                "budget", "seed", "assignment", "course"), Set.of());
        GraderHome home = line.home();
        Path submissions = line.path("submissions");
        if (!Files.isDirectory(submissions)) {
            throw new IllegalArgumentException(submissions + " is not a folder of submissions");
        }
        Path out = line.path("out");
        int jobs = Math.max(1, line.integer("jobs", Runtime.getRuntime().availableProcessors()));
        TrustedGrader.Options options = TrustedGrader.Options.defaults().seed(line.seed())
                .budget(line.seconds("budget", Duration.ofSeconds(DEFAULT_BUDGET_SECONDS)));
        return grade(new TrustedGrader(home, line.has("course") ? line.path("course") : null, line.get("assignment")),
                submissions, out, jobs, options);
    }

    /** A submission to grade: its id, its path, and a note (a duplicate id, say). */
    record Entry(String id, Path path, String note) {
    }

    static List<Gradebook.Row> grade(GraderHome home, Path submissions, Path out, int jobs,
                                     TrustedGrader.Options options) throws IOException {
        return grade(new TrustedGrader(home), submissions, out, jobs, options);
    }

    /** Grades every submission with this grader (its assignment), into {@code out}. */
    static List<Gradebook.Row> grade(TrustedGrader grader, Path submissions, Path out, int jobs,
                                     TrustedGrader.Options options) throws IOException {
        List<Entry> entries = entries(submissions);
        Files.createDirectories(out);
        TrustedGrader.Options shared = (options.cacheDir() == null ? options.cacheDir(out.resolve(".cache")) : options)
                // in the background: built in the foreground, the archive would count against one student's budget
                .classSharing(GradingRequest.ClassSharing.BACKGROUND);
        ExecutorService pool = Executors.newFixedThreadPool(jobs, task -> {
            Thread thread = new Thread(task, "paramlab-batch");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<SubmissionReport>> futures = new ArrayList<>();
        for (Entry entry : entries) {
            futures.add(pool.submit(() -> {
                SubmissionReport report = grader.grade(entry.id(), entry.path(), out.resolve(entry.id()),
                        out.resolve(".work").resolve(entry.id()), shared);
                System.out.println("[" + done.incrementAndGet() + "/" + entries.size() + "] " + entry.id() + ": "
                        + report.score() + "/" + report.maxScore() + " " + report.status() + " ("
                        + report.durationSeconds() + " s)" + why(report));
                return report;
            }));
        }
        List<Gradebook.Row> rows = new ArrayList<>();
        // each grading process is killed at its budget's end and reported here: this wait is only a guard
        Duration limit = options.budget().plus(TrustedGrader.KILL_MARGIN).plusMinutes(2);
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            try {
                rows.add(new Gradebook.Row(entry.id(), futures.get(i).get(limit.toMillis(), TimeUnit.MILLISECONDS),
                        entry.note()));
            } catch (TimeoutException e) {
                rows.add(new Gradebook.Row(entry.id(), null, join(entry.note(), "grading did not finish")));
            } catch (ExecutionException e) {
                rows.add(new Gradebook.Row(entry.id(), null, join(entry.note(), "the grader failed: " + e.getCause())));
                System.out.println(entry.id() + ": the grader failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        pool.shutdownNow();
        TrustedGrader.deleteTree(out.resolve(".work"));
        TrustedGrader.deleteTree(out.resolve(".cache"));
        Gradebook.write(rows, out.resolve("gradebook.csv"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("ParamLab: %d submissions graded in %.1f s (%.2f s each, %d at a time); %s%n", rows.size(),
                seconds, rows.isEmpty() ? 0 : seconds / rows.size(), jobs, out.resolve("gradebook.csv"));
        return rows;
    }

    /** @return what stopped a run that did not grade to its end, for the progress line; empty otherwise */
    private static String why(SubmissionReport report) {
        if (report.status().equals(SubmissionReport.GRADED)) {
            return "";
        }
        List<String> reasons = new ArrayList<>(report.problems());
        reasons.addAll(report.notes());
        return reasons.isEmpty() ? "" : ": " + Text.shorten(Text.oneLine(reasons.get(reasons.size() - 1)), 160);
    }

    private static String join(String first, String second) {
        return first == null ? second : first + "; " + second;
    }

    /** @return the submissions, sorted by name: every folder and .zip file (hidden ones left out), ids made unique */
    static List<Entry> entries(Path submissions) {
        List<Path> paths;
        try (Stream<Path> list = Files.list(submissions)) {
            paths = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || p.getFileName().toString().toLowerCase().endsWith(".zip"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + submissions + ": " + e.getMessage(), e);
        }
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Path> first = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Path path : paths) {
            String name = path.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
            String id = name.replaceAll("[^A-Za-z0-9._@-]", "_");
            int count = seen.merge(id, 1, Integer::sum);
            String note = null;
            if (count > 1) {
                note = "duplicate id: " + path.getFileName() + " and " + first.get(id).getFileName() + " are both "
                        + id + "; graded as " + id + "~" + count;
                id = id + "~" + count;
            } else {
                first.put(id, path);
            }
            entries.add(new Entry(id, path, note));
        }
        return entries;
    }
}
