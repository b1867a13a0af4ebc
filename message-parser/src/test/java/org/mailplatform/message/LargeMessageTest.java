package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LargeMessageTest {

    private static final int ATTACHMENT_SIZE = 20 << 20;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void twentyMebibyteAttachmentIsScannedNotCopied() throws Exception {
        byte[] attachment = new byte[ATTACHMENT_SIZE];
        new Random(1).nextBytes(attachment);
        ByteArrayOutputStream out = new ByteArrayOutputStream(ATTACHMENT_SIZE * 14 / 10);
        out.writeBytes(Fixtures.crlf("""
                From: big@example.com
                Subject: big
                Content-Type: multipart/mixed; boundary=big

                --big
                Content-Type: text/plain

                See attachment.
                --big
                Content-Type: application/octet-stream; name=blob.bin
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment; filename=blob.bin

                """));
        out.writeBytes(Base64.getMimeEncoder().encode(attachment));
        out.writeBytes("\r\n--big--\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] raw = out.toByteArray();
        MessageParser parser = new MessageParser();
        parser.parse(Fixtures.crlf(Fixtures.MIXED));

        long allocatedBefore = allocatedBytes();
        long started = System.nanoTime();
        ParsedMessage message = parser.parse(raw);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        long allocated = allocatedBytes() - allocatedBefore;

        assertThat(elapsedMillis).isLessThan(5_000);
        // far less than one copy of the message: nothing of the attachment was copied or decoded
        assertThat(allocated).isLessThan(2L << 20);
        BodyPart blob = message.body().parts().get(1);
        assertThat(blob.filename()).isEqualTo("blob.bin");
        assertThat(blob.bodyEnd()).isEqualTo(raw.length - "\r\n--big--\r\n".length());
        assertThat(message.searchText()).isEqualTo("See attachment.\nblob.bin");

        // the offsets are exact: decoding the slice gives back the attachment
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        try (InputStream decoded = PartDecoder.open(raw, blob)) {
            byte[] buffer = new byte[64 << 10];
            int n;
            while ((n = decoded.read(buffer)) > 0) {
                actual.update(buffer, 0, n);
            }
        }
        assertThat(actual.digest()).isEqualTo(expected.digest(attachment));
    }

    @Test
    void twentyMebibyteTextBodyOnlyDecodesWhatTheSearchTextCanHold() {
        byte[] header = Fixtures.crlf("Subject: long text\nContent-Type: text/plain; charset=utf-8\n\n");
        byte[] line = "all work and no play makes Jack a dull boy\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[header.length + (ATTACHMENT_SIZE / line.length) * line.length];
        System.arraycopy(header, 0, raw, 0, header.length);
        for (int p = header.length; p < raw.length; p += line.length) {
            System.arraycopy(line, 0, raw, p, line.length);
        }
        MessageParser parser = new MessageParser();

        long allocatedBefore = allocatedBytes();
        ParsedMessage message = parser.parse(raw);
        long allocated = allocatedBytes() - allocatedBefore;

        assertThat(message.searchText()).hasSize(ParserOptions.DEFAULT_SEARCH_TEXT_LIMIT);
        assertThat(message.searchTextTruncated()).isTrue();
        assertThat(message.body().lines()).isEqualTo(ATTACHMENT_SIZE / line.length);
        assertThat(allocated).isLessThan(raw.length);
    }
}
