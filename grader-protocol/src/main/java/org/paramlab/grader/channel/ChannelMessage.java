package org.paramlab.grader.channel;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.ProgressEvent;

/**
 * One JSON message of the channel between the supervisor and the test JVM.
 *
 * <p>From the supervisor: {@value #SPEC} (then one binary frame per reference file), then
 * {@value #GO} or {@value #STOP}. From the test JVM: {@value #PLAN} (the graded tests it discovered),
 * then {@value #EVENT} for each graded test that starts or ends, and finally {@value #END}.
 *
 * @param type    what the message is
 * @param spec    the run ({@value #SPEC} only)
 * @param plan    the discovered graded tests ({@value #PLAN} only)
 * @param event   a test's progress ({@value #EVENT} only)
 * @param restart    whether the test JVM stopped early and the remaining tests need a fresh one ({@value #END} only)
 * @param unreadable the exception classes whose methods did not return, for the next test JVM ({@value #END} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelMessage(String type, RunSpec spec, GradingPlan plan, ProgressEvent event, Boolean restart,
                             List<String> unreadable) {

    /** The supervisor's instructions. */
    public static final String SPEC = "spec";
    /** Run the planned tests. */
    public static final String GO = "go";
    /** Run nothing: the rules gate refused the student's code. */
    public static final String STOP = "stop";
    /** The graded tests the test JVM discovered. */
    public static final String PLAN = "plan";
    /** A graded test's progress. */
    public static final String EVENT = "event";
    /** The test JVM's last message. */
    public static final String END = "end";

    /**
     * Builds the channel's JSON serializers and deserializers now, on whichever thread calls it, so that
     * the first real message does not wait for them; a failure is left for the real messages to report.
     */
    public static void warmUpJson() {
        try {
            var mapper = org.paramlab.grader.protocol.ReportFiles.mapper();
            byte[] spec = mapper.writeValueAsBytes(spec(new RunSpec("warm-up", 0, "cpu", null, null, "", "", 1,
                    List.of(), List.of(), null, ChannelLimits.MAX_FIGURES, ChannelLimits.MAX_HEATMAPS)));
            mapper.readValue(spec, ChannelMessage.class);
        } catch (java.io.IOException | RuntimeException e) {
            // only a warm-up
        }
    }

    /** @return a {@value #SPEC} message */
    public static ChannelMessage spec(RunSpec spec) {
        return new ChannelMessage(SPEC, spec, null, null, null, null);
    }

    /** @return a {@value #GO} or {@value #STOP} message */
    public static ChannelMessage command(boolean go) {
        return new ChannelMessage(go ? GO : STOP, null, null, null, null, null);
    }

    /** @return a {@value #PLAN} message */
    public static ChannelMessage plan(GradingPlan plan) {
        return new ChannelMessage(PLAN, null, plan, null, null, null);
    }

    /** @return an {@value #EVENT} message */
    public static ChannelMessage event(ProgressEvent event) {
        return new ChannelMessage(EVENT, null, null, event, null, null);
    }

    /** @return an {@value #END} message */
    public static ChannelMessage end(boolean restart, List<String> unreadable) {
        return new ChannelMessage(END, null, null, null, restart, List.copyOf(unreadable));
    }
}
