package org.paramlab.grader;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.report.GradingRunReader;

/**
 * Runs fixture classes through a JUnit Launcher with a {@link GradingListener} and an
 * {@link ExerciseFilter} of the test's choosing (no auto-registered plug-ins), and reads back what
 * the listener wrote.
 */
final class FixtureRunner {

    private FixtureRunner() {
    }

    /** What a run left behind. */
    record Result(Path dir, TestExecutionSummary summary) {

        GradingPlan plan() {
            try {
                return ReportFiles.mapper().readValue(dir.resolve(ReportFiles.PLAN).toFile(), GradingPlan.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        List<ProgressEvent> events() {
            return GradingRunReader.readProgress(dir.resolve(ReportFiles.PROGRESS));
        }

        /** @return the "finished" event of each graded test, by method name */
        Map<String, ProgressEvent> finishedByMethod() {
            Map<String, String> methodById = new LinkedHashMap<>();
            for (PlannedTest test : plan().tests()) {
                methodById.put(test.uniqueId(), test.methodName());
            }
            Map<String, ProgressEvent> result = new LinkedHashMap<>();
            for (ProgressEvent event : events()) {
                if (ProgressEvent.FINISHED.equals(event.event())) {
                    result.put(methodById.get(event.uniqueId()), event);
                }
            }
            return result;
        }
    }

    static Result run(Path dir, ExerciseSelection selection, Class<?>... classes) {
        return run(dir, selection, () -> 42L, classes);
    }

    static Result run(Path dir, ExerciseSelection selection, Supplier<Long> seed, Class<?>... classes) {
        return run(dir, selection, seed, Map.of(), classes);
    }

    static Result run(Path dir, ExerciseSelection selection, Supplier<Long> seed, Map<String, String> configuration,
                      Class<?>... classes) {
        GradingListener listener = new GradingListener(new GradingListener.Settings("paramlab-fixtures", selection,
                seed, selection.error().map(List::of).orElse(List.of())), new FileRecorder(dir));
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherConfig config = LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .addTestExecutionListeners(listener, summary)
                .addPostDiscoveryFilters(new ExerciseFilter(selection))
                .build();
        Launcher launcher = LauncherFactory.create(config);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
                .configurationParameters(configuration)
                .build();
        launcher.execute(request);
        return new Result(dir, summary.getSummary());
    }
}
