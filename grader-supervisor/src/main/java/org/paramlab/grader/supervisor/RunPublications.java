package org.paramlab.grader.supervisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.protocol.Figure;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.report.ReportFigure;

/**
 * The files and charts a run's graded tests published for the report folder, kept only when they have the
 * names, sizes and contents the grader itself would publish, within the run's chart limits; anything else is
 * tampering. Part of the {@link RunLedger}, which first checks that the test is the sender's own.
 */
final class RunPublications {

    /** Names of files a test may publish for the report folder. */
    private static final Pattern ARTIFACT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.json");

    private final Consumer<String> tampered;
    private final Map<String, String> artifacts = new LinkedHashMap<>();
    private final Map<String, ReportFigure> figures = new LinkedHashMap<>();

    /** @param tampered told what looked like tampering */
    RunPublications(Consumer<String> tampered) {
        this.tampered = tampered;
    }

    /** @return the files the tests published, by name */
    Map<String, String> artifacts() {
        return Map.copyOf(artifacts);
    }

    /**
     * @param segment the number of the test JVM that sent it
     * @param event   a file a test published for the report folder
     */
    void artifact(int segment, ProgressEvent event) {
        if (event.name() == null || !ARTIFACT_NAME.matcher(event.name()).matches() || event.content() == null
                || event.content().length() > ChannelLimits.MAX_ARTIFACT) {
            tampered.accept("test JVM " + segment + " published a file the grader does not write: " + event.name());
            return;
        }
        artifacts.put(event.name(), event.content());
    }

    /**
     * A chart's numbers: display only, but checked like everything else the test JVM sends (its name,
     * size, kind, counts and finite numbers; at most {@value RunLedger#MAX_FIGURES} charts a run, of which at
     * most {@value ChannelLimits#MAX_HEATMAPS} mismatch heatmaps, across all its test JVMs, each of which was told
     * how many are left); anything else is tampering. Published again under the same name, the later one
     * replaces the earlier and counts once.
     *
     * @param segment the number of the test JVM that sent it
     * @param test    the test that published it
     * @param event   the chart
     */
    void figure(int segment, PlannedTest test, ProgressEvent event) {
        String key = event.uniqueId() + " " + event.name();
        if (event.name() == null || !Figure.NAME.matcher(event.name()).matches()) {
            tampered.accept("test JVM " + segment + " published a chart the grader does not draw: " + event.name());
            return;
        }
        Figure figure;
        try {
            figure = Figure.parse(event.content());
        } catch (IllegalArgumentException e) {
            tampered.accept("test JVM " + segment + " published a chart the grader does not draw: " + e.getMessage());
            return;
        }
        boolean added = !figures.containsKey(key);
        if (added && figuresLeft() == 0) {
            tampered.accept("test JVM " + segment + " published more charts than the run's limit of "
                    + RunLedger.MAX_FIGURES + ": " + event.name());
            return;
        }
        if (added && ChannelLimits.HEATMAP_NAME.equals(event.name()) && heatmapsLeft() == 0) {
            tampered.accept("test JVM " + segment + " published more heatmaps than the run's limit of "
                    + ChannelLimits.MAX_HEATMAPS + ": " + event.name());
            return;
        }
        figures.put(key, new ReportFigure(test, event.name(), figure));
    }

    /**
     * @param others the run's other notices
     * @return them, then a line for each chart limit the run reached: its test JVMs left later charts out
     */
    List<String> notices(List<String> others) {
        List<String> notices = new ArrayList<>(others);
        if (figuresLeft() == 0) {
            notices.add("The report draws at most " + RunLedger.MAX_FIGURES + " charts a run: this run reached that"
                    + " limit, so any later ones are left out.");
        }
        if (heatmapsLeft() == 0) {
            notices.add("The report draws the mismatch heatmaps of the first " + ChannelLimits.MAX_HEATMAPS
                    + " failed comparisons of a run; any later ones are left out.");
        }
        return notices;
    }

    /** @return how many new charts the run's next test JVM may publish */
    int figuresLeft() {
        return ChannelLimits.left(figures.size(), RunLedger.MAX_FIGURES);
    }

    /** @return how many new mismatch heatmaps the run's next test JVM may publish */
    int heatmapsLeft() {
        long heatmaps = figures.values().stream().filter(f -> ChannelLimits.HEATMAP_NAME.equals(f.name())).count();
        return ChannelLimits.left((int) heatmaps, ChannelLimits.MAX_HEATMAPS);
    }

    /** @return the charts the tests published, in the order they were first published */
    List<ReportFigure> figures() {
        return List.copyOf(figures.values());
    }
}
