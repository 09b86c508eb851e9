package org.paramlab.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.channel.ChannelMessage;
import org.paramlab.grader.channel.Frames;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestStatus;

/** The test JVM never sends a frame the supervisor refuses: an event over the limit goes smaller. */
class ChannelRecorderTest {

    private static final String ID = "[engine:junit-jupiter]/[class:org.paramlab.grading.ATest]/[method:a()]";

    @Test
    void anEventOverTheLimitIsSentShrunkAndTheSupervisorReadsEveryFrame() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            byte[] secret = "s3cret".getBytes(StandardCharsets.US_ASCII);
            try (SupervisorLink link = SupervisorLink.connect(server.getLocalPort(), secret);
                 Socket socket = server.accept()) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                assertThat(Frames.read(in, secret.length)).isEqualTo(secret);

                String huge = "\u0001".repeat(ChannelLimits.MAX_MESSAGE);
                assertThat(link.trySend(ChannelMessage.event(ProgressEvent.figure(ID, "loss", huge)))).isFalse();
                ChannelRecorder recorder = new ChannelRecorder(link);
                recorder.event(ProgressEvent.figure(ID, "loss", huge));
                recorder.event(ProgressEvent.finished(ID, TestStatus.FAILED, huge, 5));
                recorder.event(ProgressEvent.artifact(ID, "training-record.json", huge));

                ProgressEvent finished = read(in);
                assertThat(finished.event()).as("the chart is left out").isEqualTo(ProgressEvent.FINISHED);
                assertThat(finished.status()).isEqualTo(TestStatus.FAILED);
                assertThat(finished.message()).hasSizeLessThan(10_100)
                        .endsWith("[truncated: too long for the grader's channel]");
                ProgressEvent artifact = read(in);
                assertThat(artifact.content()).contains("training-record.json had " + huge.length() + " characters");
            }
        }
    }

    private static ProgressEvent read(DataInputStream in) throws Exception {
        return ReportFiles.mapper().readValue(Frames.read(in, ChannelLimits.MAX_MESSAGE), ChannelMessage.class)
                .event();
    }

    @Test
    void shrinkingKeepsWhatIsAlreadySmall() {
        ProgressEvent started = ProgressEvent.started(ID);
        assertThat(ChannelRecorder.shrunk(started)).isSameAs(started);
        assertThat(ChannelRecorder.shrunk(ProgressEvent.answer(ID, "Why?", "short")).answer()).isEqualTo("short");
    }
}
