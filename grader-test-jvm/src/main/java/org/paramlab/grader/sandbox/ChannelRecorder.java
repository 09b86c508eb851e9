package org.paramlab.grader.sandbox;

import org.paramlab.grader.GradingListener;
import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.channel.ChannelMessage;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.ProgressEvent;

/** Sends the {@link GradingListener}'s events to the supervisor, each as soon as it happens. */
final class ChannelRecorder implements GradingListener.Recorder {

    private final SupervisorLink link;

    ChannelRecorder(SupervisorLink link) {
        this.link = link;
    }

    /** Nothing to send: {@link SandboxMain} sent the plan after discovery, before the supervisor's go. */
    @Override
    public void plan(GradingPlan plan) {
    }

    /** Sends the event; one over the channel's limit goes as {@link #shrunk} instead, never as a frame refused. */
    @Override
    public void event(ProgressEvent event) {
        if (!link.trySend(ChannelMessage.event(event))) {
            ProgressEvent smaller = shrunk(event);
            if (smaller != null) {
                link.send(ChannelMessage.event(smaller));
            }
        }
    }

    /**
     * @param event an event whose message is over {@link ChannelLimits#MAX_MESSAGE} bytes (the listener's
     *              own caps keep every field far below it: this is the last line)
     * @return the same event with its long texts cut to {@value #SHRUNK} characters and marked, a file replaced
     *         by a note, or null for a chart (left out)
     */
    static ProgressEvent shrunk(ProgressEvent event) {
        return switch (event.event()) {
            case ProgressEvent.FIGURE -> null;
            case ProgressEvent.ARTIFACT -> ProgressEvent.artifact(event.uniqueId(), event.name(),
                    GradingListener.artifactNote(event.name(), event.content() == null ? 0 : event.content().length()));
            case ProgressEvent.ANSWER -> ProgressEvent.answer(event.uniqueId(), cut(event.question()),
                    cut(event.answer()));
            case ProgressEvent.FINISHED -> ProgressEvent.finished(event.uniqueId(), event.status(),
                    cut(event.message()), event.durationMs() == null ? 0 : event.durationMs());
            default -> event;
        };
    }

    private static final int SHRUNK = 10_000;

    private static String cut(String text) {
        return text == null || text.length() <= SHRUNK ? text
                : text.substring(0, SHRUNK) + "\n[truncated: too long for the grader's channel]";
    }

    @Override
    public void close() {
    }
}
