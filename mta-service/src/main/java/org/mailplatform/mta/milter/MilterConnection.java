package org.mailplatform.mta.milter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One TCP connection to a milter: framed packets out, framed replies in, each read bounded by a timeout. */
final class MilterConnection implements AutoCloseable {

    /** A reply packet: its code and data. */
    record Packet(byte code, byte[] data) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final String name;

    private MilterConnection(Socket socket, String name) throws IOException {
        this.socket = socket;
        this.name = name;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    }

    static MilterConnection open(String name, InetSocketAddress address, Duration connectTimeout) throws MilterException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            // Resolved on each connection, so a milter behind a DNS name may move.
            InetSocketAddress target = address.isUnresolved()
                    ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
            socket.connect(target, timeoutMillis(connectTimeout));
            return new MilterConnection(socket, name);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new MilterException("milter " + name + ": cannot connect to " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
    }

    void send(byte command, byte[] data) throws MilterException {
        try {
            out.writeInt(data.length + 1);
            out.writeByte(command);
            out.write(data);
            out.flush();
        } catch (IOException e) {
            throw new MilterException("milter " + name + ": write failed: " + e.getMessage(), e);
        }
    }

    /** Reads one reply, waiting at most {@code timeout}. */
    Packet read(Duration timeout) throws MilterException {
        try {
            socket.setSoTimeout(timeoutMillis(timeout));
            int length = in.readInt();
            if (length < 1 || length > MilterProtocol.MAX_REPLY_PACKET) {
                throw new MilterException("milter " + name + ": reply length " + length + " out of range");
            }
            byte code = in.readByte();
            byte[] data = new byte[length - 1];
            in.readFully(data);
            return new Packet(code, data);
        } catch (SocketTimeoutException e) {
            throw new MilterException("milter " + name + ": no reply within " + timeout, e);
        } catch (EOFException e) {
            throw new MilterException("milter " + name + ": connection closed", e);
        } catch (MilterException e) {
            throw e;
        } catch (IOException e) {
            throw new MilterException("milter " + name + ": read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    /** NUL-terminated strings, concatenated: the argument form of most commands. */
    static byte[] strings(String... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String v : values) {
            b.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }

    private static int timeoutMillis(Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }
}
