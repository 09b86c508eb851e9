package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.fixtures.PublicationFixture;
import org.paramlab.grader.fixtures.UndrawableHeatmapFixture;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.ProgressEvent;

/** The test JVM's side of the channel limits: the listener never publishes more than the run has left. */
class GradingListenerLimitsTest {

    /** Keeps the events in memory. */
    private static final class Events implements GradingListener.Recorder {
        final List<ProgressEvent> events = new ArrayList<>();

        @Override
        public void plan(GradingPlan plan) {
        }

        @Override
        public void event(ProgressEvent event) {
            events.add(event);
        }

        @Override
        public void close() {
        }
    }

    private static List<ProgressEvent> run(int figuresLeft, int heatmapsLeft) {
        return run(PublicationFixture.class, figuresLeft, heatmapsLeft);
    }

    private static List<ProgressEvent> run(Class<?> fixture, int figuresLeft, int heatmapsLeft) {
        Events events = new Events();
        GradingListener listener = new GradingListener(new GradingListener.Settings("paramlab-fixtures",
                ExerciseSelection.all(), () -> 42L, List.of()), events, figuresLeft, heatmapsLeft);
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(listener).build())
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                        .build());
        return events.events;
    }

    private static List<String> figures(List<ProgressEvent> events) {
        return events.stream().filter(e -> ProgressEvent.FIGURE.equals(e.event()))
                .map(e -> e.uniqueId().replaceAll(".*method:(\\w+).*", "$1") + " " + e.name()).toList();
    }

    @Test
    void withTheWholeAllowanceEveryChartAndHeatmapIsSent() {
        List<String> figures = figures(run(ChannelLimits.MAX_FIGURES, ChannelLimits.MAX_HEATMAPS));
        assertThat(figures).hasSize(3 * 5).filteredOn(f -> f.endsWith(" a")).hasSize(6);
        assertThat(figures).filteredOn(f -> f.endsWith(ChannelLimits.HEATMAP_NAME)).hasSize(3);
    }

    @Test
    void newChartsBeyondWhatTheRunHasLeftAreNotSentButAChartPublishedAgainIs() {
        List<String> figures = figures(run(5, ChannelLimits.MAX_HEATMAPS));
        // first: a, b, a again (no cost), c, mismatch = 4 new; second: a = the fifth; nothing new after it
        assertThat(figures).containsExactly("first a", "first b", "first a", "first c", "first mismatch",
                "second a", "second a");
    }

    @Test
    void heatmapsCountAgainstTheRunsHeatmapsLeft() {
        List<String> figures = figures(run(ChannelLimits.MAX_FIGURES, 1));
        assertThat(figures).filteredOn(f -> f.endsWith(ChannelLimits.HEATMAP_NAME)).containsExactly("first mismatch");
        assertThat(figures).filteredOn(f -> f.endsWith(" c")).hasSize(3);
    }

    @Test
    void nothingLeftMeansNoChartAtAll() {
        assertThat(figures(run(0, 0))).isEmpty();
    }

    @Test
    void aHeatmapTheSupervisorWouldRefuseIsNotSentAndTheTestStillEnds() {
        List<ProgressEvent> events = run(UndrawableHeatmapFixture.class, ChannelLimits.MAX_FIGURES,
                ChannelLimits.MAX_HEATMAPS);
        assertThat(figures(events)).isEmpty();
        assertThat(events).filteredOn(e -> ProgressEvent.FINISHED.equals(e.event())).singleElement()
                .extracting(ProgressEvent::message).isEqualTo("values differ");
    }

    @Test
    void aFileOverTheArtifactLimitIsReplacedByANoteThatFitsAMessage() {
        ProgressEvent artifact = run(0, 0).stream().filter(e -> ProgressEvent.ARTIFACT.equals(e.event()))
                .findFirst().orElseThrow();
        assertThat(artifact.name()).isEqualTo("huge.json");
        assertThat(artifact.content()).hasSizeLessThan(300)
                .contains("huge.json had 800003 characters, more than the " + ChannelLimits.MAX_ARTIFACT);
        assertThat(GradingListener.capArtifact("x.json", "[1]")).isEqualTo("[1]");
        assertThat(GradingListener.capArtifact("x.json", null)).isNull();
    }
}
