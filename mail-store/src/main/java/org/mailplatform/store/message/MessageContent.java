package org.mailplatform.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.mailplatform.store.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The octets of one stored message: its per-recipient header prefix followed by the shared body.
 * Small bodies arrive with the lookup; larger ones are read in slices of {@value #CHUNK} octets
 * as the stream is consumed, so a 25 MiB message never needs 25 MiB in one query, and a partial
 * FETCH reads only the slice it asks for.
 */
public final class MessageContent {

    static final int CHUNK = 1024 * 1024;

    private final JdbcClient jdbc;
    private final long bodyId;
    private final byte[] prefix;
    private final long bodySize;
    private final byte[] inlineBody;

    MessageContent(JdbcClient jdbc, long bodyId, byte[] prefix, long bodySize, byte[] inlineBody) {
        this.jdbc = jdbc;
        this.bodyId = bodyId;
        this.prefix = prefix;
        this.bodySize = bodySize;
        this.inlineBody = inlineBody;
    }

    /** RFC822.SIZE. */
    public long size() {
        return prefix.length + bodySize;
    }

    public long bodyId() {
        return bodyId;
    }

    /**
     * Up to {@code length} octets from {@code offset} (fewer at the end, none past it).
     *
     * @throws NotFoundException when the message was expunged and its body removed meanwhile
     */
    public byte[] read(long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        long end = Math.min(size(), offset + length);
        if (offset >= end) {
            return new byte[0];
        }
        byte[] out = new byte[(int) (end - offset)];
        int filled = 0;
        if (offset < prefix.length) {
            int n = (int) Math.min(prefix.length - offset, out.length);
            System.arraycopy(prefix, (int) offset, out, 0, n);
            filled = n;
        }
        if (filled < out.length) {
            long bodyOffset = offset + filled - prefix.length;
            byte[] slice = bodySlice(bodyOffset, out.length - filled);
            System.arraycopy(slice, 0, out, filled, slice.length);
        }
        return out;
    }

    /** The whole message; only for messages that fit an array (the SMTP size limit is far below). */
    public byte[] readAllBytes() {
        if (size() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("message too large for one array: " + size());
        }
        return read(0, (int) size());
    }

    /** Streams the message; the stream reads further slices lazily. */
    public InputStream openStream() {
        return new SliceStream();
    }

    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = openStream()) {
            in.transferTo(out);
        }
    }

    private byte[] bodySlice(long offset, int length) {
        if (inlineBody != null) {
            return Arrays.copyOfRange(inlineBody, (int) offset, (int) offset + length);
        }
        // substring() counts from 1.
        byte[] slice = jdbc.sql("SELECT substring(content FROM CAST(:from AS integer) FOR :len) FROM message_bodies WHERE id = :id")
                .param("from", Math.toIntExact(offset + 1))
                .param("len", length)
                .param("id", bodyId)
                .query((rs, row) -> rs.getBytes(1))
                .optional()
                .orElseThrow(() -> new NotFoundException("message body " + bodyId + " is gone"));
        if (slice.length != length) {
            throw new NotFoundException("message body " + bodyId + " is shorter than recorded");
        }
        return slice;
    }

    private final class SliceStream extends InputStream {
        private long position;
        private byte[] buffer = new byte[0];
        private int index;

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buffer[index++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.length - index);
            System.arraycopy(buffer, index, b, off, n);
            index += n;
            return n;
        }

        @Override
        public int available() {
            return buffer.length - index;
        }

        private boolean fill() throws IOException {
            if (index < buffer.length) {
                return true;
            }
            if (position >= size()) {
                return false;
            }
            try {
                buffer = MessageContent.this.read(position, CHUNK);
            } catch (NotFoundException e) {
                throw new IOException(e.getMessage(), e);
            }
            index = 0;
            position += buffer.length;
            return buffer.length > 0;
        }
    }
}
