package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * GitHub Classroom's real reporter ({@code education/autograding-grading-reporter} v1's {@code dist/main.js},
 * a test resource) run under node, as the workflow's last step runs it: its {@code runners} input and one
 * {@code <ID>_RESULTS} variable per runner, with no token (so it prints and posts nothing). Skipped where node
 * is missing.
 */
final class ReporterLog {

    /** The log's "Total" row of its summary table: {@code │ Total: │ 69.5 │ 100 │}. */
    private static final Pattern TOTAL_ROW = Pattern.compile("Total: +\\S +(\\S+) +\\S +(\\S+) ");

    private ReporterLog() {
    }

    /**
     * @param outputs what the grading step appended to {@code GITHUB_OUTPUT} ({@code name=base64} lines)
     * @param runners the workflow's {@code runners} input; each reads the output of the same name, except
     *                {@code paramlab}, which reads {@code feedback} (as {@code courses/github/classroom.yml} maps them)
     * @return the reporter's log
     */
    static String run(String outputs, Path scratch, String... runners) throws IOException, InterruptedException {
        Assumptions.assumeTrue(hasNode(), "node is not installed");
        Path main = scratch.resolve("reporter-main.js");
        try (var in = ReporterLog.class.getResourceAsStream("/autograding-grading-reporter/main.js")) {
            Files.write(main, in.readAllBytes());
        }
        ProcessBuilder builder = new ProcessBuilder("node", main.toString()).directory(scratch.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("INPUT_"));
        builder.environment().put("INPUT_RUNNERS", String.join(",", runners));
        for (String runner : runners) {
            String output = runner.equals("paramlab") && runners.length > 1 ? "feedback" : runner.equals("paramlab")
                    ? "result" : runner;
            builder.environment().put(runner.toUpperCase(Locale.ROOT) + "_RESULTS", value(outputs, output));
        }
        Process process = builder.start();
        byte[] log = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new String(log, StandardCharsets.UTF_8);
    }

    /** @return the score and maximum of the log's "Total" row */
    static List<Double> total(String log) {
        Matcher matcher = TOTAL_ROW.matcher(log.replaceAll("\u001b\\[[0-9;]*m", ""));
        assertThat(matcher.find()).as(log).isTrue();
        List<Double> total = new ArrayList<>();
        total.add(Double.parseDouble(matcher.group(1)));
        total.add(Double.parseDouble(matcher.group(2)));
        return total;
    }

    /** @return every "Total points for RUNNER: X/Y" line of the log */
    static List<String> runnerTotals(String log) {
        return log.lines().filter(l -> l.startsWith("Total points for ")).toList();
    }

    private static String value(String outputs, String name) {
        return outputs.lines().filter(l -> l.startsWith(name + "=")).reduce((a, b) -> b).orElseThrow()
                .substring(name.length() + 1);
    }

    private static boolean hasNode() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
