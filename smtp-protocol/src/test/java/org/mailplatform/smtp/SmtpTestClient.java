package org.mailplatform.smtp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw SMTP client over a real socket: writes exactly the bytes given, in one write each time. */
final class SmtpTestClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpTestClient(int port) throws Exception {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** The last line of the next reply, e.g. {@code 250 2.1.0 Sender <a@b> OK}; null when the server closed. */
    String reply() throws Exception {
        List<String> lines = replyLines();
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    /** Every line of the next (possibly multi-line) reply. */
    List<String> replyLines() throws Exception {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                break;
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    /** Writes the text in one write call: on loopback, one packet. */
    void write(String text) throws Exception {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws Exception {
        out.write(bytes);
        out.flush();
    }

    /** Sends one command and waits for its reply. */
    String send(String command) throws Exception {
        write(command + "\r\n");
        return reply();
    }

    /** Sends one command and returns every line of its reply. */
    List<String> replyLinesOf(String command) throws Exception {
        write(command + "\r\n");
        return replyLines();
    }

    /** True when the server closed the connection (after any replies still unread). */
    boolean closedByServer() throws Exception {
        try {
            while (in.readLine() != null) {
                // Drain what the server sent before closing.
            }
            return true;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
    }
}
