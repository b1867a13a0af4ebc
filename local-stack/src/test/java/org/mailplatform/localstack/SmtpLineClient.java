package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain SMTP line client for the stack's port 25, for tests that need the exact replies to the
 * envelope commands (a null reverse-path, a refused RCPT) rather than a mail library's view.
 */
final class SmtpLineClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpLineClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** The last line of the next reply (RFC 5321 4.2.1: continuation lines have "-" after the code). */
    String reply() throws IOException {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    void expect(String code) throws IOException {
        assertThat(reply()).startsWith(code);
    }

    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    void send(String line, String code) throws IOException {
        assertThat(command(line)).as(line).startsWith(code);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
