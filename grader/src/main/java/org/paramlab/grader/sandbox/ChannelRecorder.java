package org.paramlab.grader.sandbox;

import org.paramlab.grader.GradingListener;
import org.paramlab.grader.channel.ChannelMessage;
import org.paramlab.grader.report.GradingPlan;
import org.paramlab.grader.report.ProgressEvent;

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

    @Override
    public void event(ProgressEvent event) {
        link.send(ChannelMessage.event(event));
    }

    @Override
    public void close() {
    }
}
