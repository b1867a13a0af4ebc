package org.mailplatform.mta.outbound.https;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.mailplatform.mta.dns.AddressAnswer;
import org.mailplatform.mta.dns.DnsResolver;

/**
 * One HTTP/1.1 request over TLS per connection, for the MTA's own small exchanges with other mail
 * domains: fetching MTA-STS policies (RFC 8461 3.3) and posting TLS reports (RFC 8460 5.4). Host
 * names are resolved through the MTA's resolver, like its MX lookups; the server's certificate must
 * chain to a trusted CA and name the host (RFC 6125). Redirects are never followed (RFC 8461 3.3);
 * the caller sees them as responses. Bodies larger than the caller's limit are refused.
 */
public final class HttpsClient {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final DnsResolver dns;
    private final SSLContext tls;
    private final Duration timeout;
    private final String userAgent;

    /** @param timeout the longest a whole exchange may take, connection included */
    public HttpsClient(DnsResolver dns, SSLContext tls, Duration timeout, String userAgent) {
        this.dns = dns;
        this.tls = tls;
        this.timeout = timeout;
        this.userAgent = userAgent;
    }

    /**
     * @param body        request body, or null for none
     * @param maxBodyBytes largest response body accepted
     * @throws IOException when no address answered, TLS failed (an {@link javax.net.ssl.SSLException}),
     *                     the response was malformed, too large or too slow
     */
    public HttpsResponse exchange(String method, String host, int port, String path, String contentType, byte[] body,
                                  int maxBodyBytes) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<InetAddress> addresses = switch (dns.addresses(host)) {
            case AddressAnswer.Addresses a -> a.addresses();
            case AddressAnswer.Failure f -> throw new IOException(f.reason());
            default -> throw new IOException("no address for " + host);
        };
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket plain = new Socket();
            try {
                plain.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
            } catch (IOException e) {
                plain.close();
                last = e;
                continue;
            }
            try (SSLSocket socket = secure(plain, host, port, deadline)) {
                return exchange(socket, method, host, port, path, contentType, body, maxBodyBytes, deadline);
            }
        }
        throw last == null ? new IOException("no address for " + host) : last;
    }

    private SSLSocket secure(Socket plain, String host, int port, long deadline) throws IOException {
        try {
            plain.setSoTimeout(remainingMillis(deadline));
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(PROTOCOLS);
            params.setServerNames(List.of(new SNIHostName(host)));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.setUseClientMode(true);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private HttpsResponse exchange(SSLSocket socket, String method, String host, int port, String path,
                                   String contentType, byte[] body, int maxBodyBytes, long deadline) throws IOException {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(port == 443 ? host : host + ":" + port).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n")
                .append("Connection: close\r\n");
        if (body != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        InputStream in = new DeadlineInputStream(new BufferedInputStream(socket.getInputStream()), socket, deadline);
        int status = status(line(in));
        Map<String, String> headers = new HashMap<>();
        int headerBytes = 0;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("response header too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        byte[] content = "HEAD".equals(method) ? new byte[0] : body(in, headers, maxBodyBytes);
        return new HttpsResponse(status, Map.copyOf(headers), content);
    }

    private static byte[] body(InputStream in, Map<String, String> headers, int max) throws IOException {
        String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.contains("chunked")) {
            return chunked(in, max);
        }
        String length = headers.get("content-length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + length);
            }
            if (n < 0 || n > max) {
                throw new IOException("response body of " + n + " bytes is over the limit of " + max);
            }
            byte[] data = in.readNBytes((int) n);
            if (data.length != n) {
                throw new IOException("response body ended early");
            }
            return data;
        }
        return upTo(in, max);
    }

    /** RFC 9112 7.1. */
    private static byte[] chunked(InputStream in, int max) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailer fields are of no interest
                }
                return data.toByteArray();
            }
            if (size < 0 || data.size() + size > max) {
                throw new IOException("response body is over the limit of " + max + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) {
                throw new IOException("response body ended early");
            }
            data.write(chunk);
            line(in);
        }
    }

    /** A body that ends with the connection. */
    private static byte[] upTo(InputStream in, int max) throws IOException {
        byte[] data = in.readNBytes(max + 1);
        if (data.length > max) {
            throw new IOException("response body is over the limit of " + max + " bytes");
        }
        return data;
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + (line.length() > 80 ? line.substring(0, 80) : line));
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response header");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_HEADER_BYTES) {
                throw new IOException("response line too long");
            }
            line.write(b);
        }
    }

    private static int remainingMillis(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new IOException("timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** Keeps each read within what is left of the exchange's time. */
    private static final class DeadlineInputStream extends InputStream {
        private final InputStream in;
        private final Socket socket;
        private final long deadline;

        DeadlineInputStream(InputStream in, Socket socket, long deadline) {
            this.in = in;
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read(b, off, len);
        }
    }
}
