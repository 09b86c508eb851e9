package org.paramlab.grader.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.channel.ChannelMessage;
import org.paramlab.grader.channel.Frames;
import org.paramlab.grader.channel.RunSpec;
import org.paramlab.grader.protocol.ReportFiles;

/**
 * The test JVM's end of the channel to the supervisor: a loopback socket, authenticated by the secret
 * the supervisor wrote to this JVM's standard input. It is opened before any student class loads and
 * held only here, so the student's code (which may not use sockets, reflection or the grader's
 * classes) cannot write to it.
 */
final class SupervisorLink implements Closeable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private SupervisorLink(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /**
     * @param port   the supervisor's loopback port
     * @param secret the run's secret, sent first
     * @return the open, authenticated link
     * @throws IOException if the supervisor cannot be reached
     */
    static SupervisorLink connect(int port, byte[] secret) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        SupervisorLink link = new SupervisorLink(socket);
        synchronized (link) {
            Frames.write(link.out, secret, secret.length);
        }
        return link;
    }

    /** @return the run's spec, the supervisor's first message */
    RunSpec receiveSpec() throws IOException {
        ChannelMessage message = receive();
        if (!ChannelMessage.SPEC.equals(message.type()) || message.spec() == null) {
            throw new IOException("expected the run's spec from the supervisor, got " + message.type());
        }
        return message.spec();
    }

    /**
     * @param names the files the spec announced
     * @return their bytes, by name, as the supervisor sent them (one frame each)
     */
    Map<String, byte[]> receiveFiles(List<String> names) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : names) {
            files.put(name, Frames.read(in, ChannelLimits.MAX_TO_TEST_JVM));
        }
        return files;
    }

    /** @return whether to run the tests ({@code go}) or not ({@code stop}) */
    boolean receiveGo() throws IOException {
        ChannelMessage message = receive();
        if (ChannelMessage.GO.equals(message.type())) {
            return true;
        }
        if (ChannelMessage.STOP.equals(message.type())) {
            return false;
        }
        throw new IOException("expected go or stop from the supervisor, got " + message.type());
    }

    private ChannelMessage receive() throws IOException {
        byte[] frame = Frames.read(in, ChannelLimits.MAX_TO_TEST_JVM);
        return ReportFiles.mapper().readValue(frame, ChannelMessage.class);
    }

    /**
     * Sends one message and flushes it.
     *
     * @throws UncheckedIOException if the supervisor is gone or the message is over {@link ChannelLimits#MAX_MESSAGE}
     */
    synchronized void send(ChannelMessage message) {
        if (!trySend(message)) {
            throw new UncheckedIOException(new IOException("a message over the channel's limit of "
                    + ChannelLimits.MAX_MESSAGE + " bytes was not sent"));
        }
    }

    /**
     * Sends one message and flushes it, unless it is larger than the supervisor accepts.
     *
     * @return whether it was sent; nothing is sent when it is over {@link ChannelLimits#MAX_MESSAGE} bytes
     * @throws UncheckedIOException if the supervisor is gone
     */
    synchronized boolean trySend(ChannelMessage message) {
        try {
            byte[] json = ReportFiles.mapper().writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
            if (json.length > ChannelLimits.MAX_MESSAGE) {
                return false;
            }
            Frames.write(out, json, ChannelLimits.MAX_MESSAGE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("the supervisor's channel is closed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.flush();
            socket.close();
        } catch (IOException e) {
            // the supervisor has what it needs, or will notice the missing end
        }
    }
}
