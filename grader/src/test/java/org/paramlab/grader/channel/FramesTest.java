package org.paramlab.grader.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.ReportFiles;

/** The channel's limits are one set: what one end may write, the other end reads. */
class FramesTest {

    private static byte[] framed(byte[] payload, int max) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Frames.write(new DataOutputStream(bytes), payload, max);
        return bytes.toByteArray();
    }

    @Test
    void aFrameAtTheLimitPassesAndOneByteMoreIsNeitherWrittenNorRead() throws IOException {
        byte[] payload = new byte[1000];
        byte[] frame = framed(payload, 1000);
        assertThat(Frames.read(new DataInputStream(new ByteArrayInputStream(frame)), 1000)).hasSize(1000);

        ByteArrayOutputStream nothing = new ByteArrayOutputStream();
        assertThatThrownBy(() -> Frames.write(new DataOutputStream(nothing), new byte[1001], 1000))
                .hasMessageContaining("frame of 1001 bytes exceeds the limit of 1000");
        assertThat(nothing.size()).isZero();
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(frame)), 999))
                .hasMessageContaining("frame of 1000 bytes announced; the limit is 999");
    }

    @Test
    void theLargestFileTheTestJvmPublishesFitsOneMessageEvenWhenEveryCharacterIsEscaped() throws IOException {
        String worst = "\u0001".repeat(ChannelLimits.MAX_ARTIFACT);
        byte[] json = ReportFiles.mapper().writeValueAsBytes(ChannelMessage.event(ProgressEvent.artifact(
                "[engine:junit-jupiter]/[class:org.paramlab.grading." + "X".repeat(200) + "Test]/[method:m()]",
                "training-record.json", worst)));
        assertThat(json.length).isGreaterThan(6 * ChannelLimits.MAX_ARTIFACT).isLessThanOrEqualTo(
                ChannelLimits.MAX_MESSAGE);
        assertThat(framed(json, ChannelLimits.MAX_MESSAGE)).hasSize(json.length + 4);
    }

    @Test
    void theSpecCarriesWhatIsLeftOfTheRunsChartsWithinTheLimits() {
        RunSpec spec = new RunSpec("s", 1, "cpu", null, null, "", "", 1, List.of(), List.of(), null, 99, 99);
        assertThat(spec.figuresLeft()).isEqualTo(ChannelLimits.MAX_FIGURES);
        assertThat(spec.heatmapsLeft()).isEqualTo(ChannelLimits.MAX_HEATMAPS);
        RunSpec spent = new RunSpec("s", 1, "cpu", null, null, "", "", 1, List.of(), List.of(), null, 1, -4);
        assertThat(spent.figuresLeft()).isEqualTo(1);
        assertThat(spent.heatmapsLeft()).isZero();
        assertThat(new RunSpec("s", 1, "cpu", null, null, "", "", 1, List.of(), List.of(), null, 0, 3)
                .heatmapsLeft()).as("a heatmap is a chart").isZero();
    }
}
