package org.mailplatform.msa;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.mailplatform.testsupport.TrustAllTls;

/** A raw SMTP line client (with STARTTLS) for exchanges a real mail library refuses to produce. */
final class MsaTestSupport {

    private MsaTestSupport() {
    }

    /** A line-level SMTP client for exchanges a real mail library refuses to produce. */
    static final class RawSmtp implements AutoCloseable {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;

        RawSmtp(int port) throws Exception {
            attach(new Socket("127.0.0.1", port));
        }

        private void attach(Socket s) throws Exception {
            socket = s;
            socket.setSoTimeout(15_000);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out = s.getOutputStream();
        }

        /** Reads one complete (possibly multi-line) reply and returns its last line. */
        String reply() throws Exception {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    return null;
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        /** All lines of one reply. */
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

        /** One line as it arrives. */
        String rawLine() throws Exception {
            return in.readLine();
        }

        String send(String raw) throws Exception {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        void write(String raw) throws Exception {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void startTls() throws Exception {
            SSLSocket tls = (SSLSocket) TrustAllTls.socketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.startHandshake();
            attach(tls);
        }

        /** EHLO, STARTTLS, EHLO again, AUTH PLAIN. */
        String login(String user, String password) throws Exception {
            reply();
            send("EHLO client.test\r\n");
            send("STARTTLS\r\n");
            startTls();
            send("EHLO client.test\r\n");
            String token = java.util.Base64.getEncoder().encodeToString(
                    ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            return send("AUTH PLAIN " + token + "\r\n");
        }

        boolean closedByServer() throws Exception {
            try {
                return in.read() == -1;
            } catch (java.net.SocketException e) {
                return true;
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
