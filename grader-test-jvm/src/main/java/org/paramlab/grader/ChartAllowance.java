package org.paramlab.grader;

import java.util.HashSet;
import java.util.Set;

import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.channel.RunSpec;

/**
 * This test JVM's share of the run's chart limits, for the {@link GradingListener}: the limits count across
 * the run's test JVMs, and the supervisor calls a new chart beyond them tampering, so this JVM drops them
 * (with one note on standard error) instead of sending them.
 */
final class ChartAllowance {

    private final Set<String> figureKeys = new HashSet<>();
    private int figuresLeft;
    private int heatmapsLeft;
    private int figuresDropped;

    /**
     * @param figuresLeft  how many new charts the run still allows ({@link RunSpec#figuresLeft()})
     * @param heatmapsLeft how many mismatch heatmaps the run still allows ({@link RunSpec#heatmapsLeft()})
     */
    ChartAllowance(int figuresLeft, int heatmapsLeft) {
        this.figuresLeft = Math.max(0, Math.min(figuresLeft, ChannelLimits.MAX_FIGURES));
        this.heatmapsLeft = Math.max(0, Math.min(heatmapsLeft, ChannelLimits.MAX_HEATMAPS));
    }

    /**
     * A chart published again under the same name replaces the earlier one and costs nothing.
     *
     * @param key     the test's unique id and the chart's name
     * @param heatmap whether it is a mismatch heatmap
     * @return whether the chart may be sent; counted against the allowance when new
     */
    boolean admit(String key, boolean heatmap) {
        if (!figureKeys.contains(key)) {
            if (figuresLeft == 0 || (heatmap && heatmapsLeft == 0)) {
                if (figuresDropped++ == 0) {
                    System.err.println("[paramlab] the report draws at most " + ChannelLimits.MAX_FIGURES
                            + " charts and " + ChannelLimits.MAX_HEATMAPS + " heatmaps a run; later ones are left out");
                }
                return false;
            }
            figureKeys.add(key);
            figuresLeft--;
            if (heatmap) {
                heatmapsLeft--;
            }
        }
        return true;
    }
}
