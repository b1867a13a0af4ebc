package org.mailplatform.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A blocking test client over a real socket, plaintext or TLS, that reads CRLF-terminated replies. */
public final class LineClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private LineClient(Socket socket) throws IOException {
        use(socket);
    }

    public static LineClient connect(int port) throws IOException {
        return new LineClient(new Socket("127.0.0.1", port));
    }

    /** With a small receive buffer, so that what the client reads frees room at the server at once. */
    public static LineClient connectWithReceiveBuffer(int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return new LineClient(socket);
    }

    public static LineClient connectTls(SSLContext context, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new LineClient(socket);
    }

    private void use(Socket next) throws IOException {
        socket = next;
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Writes the bytes in one call, which a loopback socket sends as one segment. */
    public LineClient send(String text) throws IOException {
        return sendBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    public LineClient sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next reply line without its CRLF; fails on end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed; partial line: " + line.toString(StandardCharsets.US_ASCII));
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Sends a command and returns its one-line reply. */
    public String command(String line) throws IOException {
        send(line + "\r\n");
        return readLine();
    }

    /**
     * True when the server closes the connection (end of stream or reset) within the read timeout;
     * anything it sends first (a TLS alert) is skipped.
     */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // skip
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Layers TLS over the connection, as a client does after a STARTTLS go-ahead. */
    public LineClient upgrade(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
        return this;
    }

    public X509Certificate peerCertificate() throws IOException {
        return (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
