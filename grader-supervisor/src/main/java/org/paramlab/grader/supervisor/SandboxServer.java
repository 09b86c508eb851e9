package org.paramlab.grader.supervisor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JacksonException;

import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.channel.ChannelMessage;
import org.paramlab.grader.channel.Frames;
import org.paramlab.grader.protocol.ReportFiles;

/**
 * The supervisor's end of the channel to one test JVM: a loopback server socket that accepts exactly
 * one connection, the one whose first frame is this run's secret. The secret is random per test JVM,
 * goes to that JVM on its standard input only, and appears in no file, argument, property or
 * environment variable, so nothing else on the machine (and no student code) can pose as the grader.
 */
final class SandboxServer implements Closeable {

    /** What the reader thread hands over: a message, the end of the stream, or a broken frame. */
    record Incoming(ChannelMessage message, String problem, boolean closed) {

        static Incoming of(ChannelMessage message) {
            return new Incoming(message, null, false);
        }

        static Incoming broken(String problem) {
            return new Incoming(null, problem, true);
        }

        static Incoming end() {
            return new Incoming(null, null, true);
        }
    }

    private final ServerSocket server;
    private final byte[] secret;
    private final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
    private Socket socket;
    private DataOutputStream out;

    private SandboxServer(ServerSocket server, byte[] secret) {
        this.server = server;
        this.secret = secret;
    }

    /** @return a server on a free loopback port, with a fresh secret */
    static SandboxServer open() throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        return new SandboxServer(server, HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII));
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return the secret followed by a line break, as the test JVM reads it from standard input */
    byte[] secretLine() {
        byte[] line = new byte[secret.length + 1];
        System.arraycopy(secret, 0, line, 0, secret.length);
        line[secret.length] = '\n';
        return line;
    }

    /**
     * Waits for the test JVM to connect and prove it knows the secret; connections that do not are closed.
     *
     * @param limit how long to wait
     * @param alive whether the test JVM still runs (no point waiting for a dead one)
     * @return whether it connected
     */
    boolean accept(Duration limit, BooleanSupplier alive) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            server.setSoTimeout(200);
            Socket candidate;
            try {
                candidate = server.accept();
            } catch (SocketTimeoutException e) {
                continue;
            }
            candidate.setSoTimeout(5_000);
            DataInputStream in = new DataInputStream(new BufferedInputStream(candidate.getInputStream()));
            byte[] presented;
            try {
                presented = Frames.read(in, secret.length);
            } catch (IOException e) {
                candidate.close();
                continue;
            }
            if (!MessageDigest.isEqual(presented, secret)) {
                candidate.close();
                continue;
            }
            candidate.setSoTimeout(0);
            candidate.setTcpNoDelay(true);
            server.close();
            socket = candidate;
            out = new DataOutputStream(new BufferedOutputStream(candidate.getOutputStream()));
            Thread reader = new Thread(() -> read(in), "paramlab-channel-reader");
            reader.setDaemon(true);
            reader.start();
            return true;
        }
        return false;
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                byte[] frame = Frames.read(in, ChannelLimits.MAX_MESSAGE);
                ChannelMessage message;
                try {
                    message = ReportFiles.mapper().readValue(frame, ChannelMessage.class);
                } catch (JacksonException e) {
                    incoming.add(Incoming.broken("a message that is not the grader's: " + e.getOriginalMessage()));
                    return;
                }
                if (message == null || message.type() == null) {
                    incoming.add(Incoming.broken("a message without a type"));
                    return;
                }
                incoming.add(Incoming.of(message));
            }
        } catch (EOFException e) {
            incoming.add(Incoming.end());
        } catch (IOException e) {
            incoming.add(e.getMessage() != null && e.getMessage().startsWith("frame of")
                    ? Incoming.broken(e.getMessage()) : Incoming.end());
        }
    }

    /**
     * @param limit how long to wait
     * @return what the test JVM sent next, or empty if nothing came in time
     */
    Optional<Incoming> next(Duration limit) {
        try {
            return Optional.ofNullable(incoming.poll(Math.max(0, limit.toMillis()), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Sends a JSON message. */
    void send(ChannelMessage message) throws IOException {
        Frames.write(out, ReportFiles.mapper().writeValueAsBytes(message), ChannelLimits.MAX_TO_TEST_JVM);
    }

    /** Sends raw bytes as one frame (a reference file). */
    void sendBytes(byte[] bytes) throws IOException {
        Frames.write(out, bytes, ChannelLimits.MAX_TO_TEST_JVM);
    }

    @Override
    public void close() {
        try {
            server.close();
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // nothing more to read or send
        }
    }
}
