package org.paramlab.grader.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The framing of the channel between the supervisor and the test JVM: each message is a 4-byte
 * big-endian length followed by that many bytes. A length above the limit is refused before
 * anything is allocated, so a corrupted or hostile stream cannot exhaust the reader's memory. Each
 * direction has its own limit ({@link ChannelLimits}); the writer checks the same limit the reader applies.
 */
public final class Frames {

    private Frames() {
    }

    /**
     * Writes one frame and flushes it.
     *
     * @param out     the stream
     * @param payload the frame's bytes
     * @param max     the largest frame the reader at the other end accepts
     * @throws IOException if the stream fails or the frame is larger than {@code max} (nothing is written)
     */
    public static void write(DataOutputStream out, byte[] payload, int max) throws IOException {
        if (payload.length > max) {
            throw new IOException("frame of " + payload.length + " bytes exceeds the limit of " + max);
        }
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @param in  the stream
     * @param max the largest frame accepted
     * @return the frame's bytes
     * @throws EOFException when the stream ends before a frame starts or in the middle of one
     * @throws IOException  when the stream fails or announces a frame larger than {@code max}
     */
    public static byte[] read(DataInputStream in, int max) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > max) {
            throw new IOException("frame of " + length + " bytes announced; the limit is " + max);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }
}
