package org.mailplatform.mda.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Messages of a given size for the delivery throughput harness: what a mail client sends
 * ({@link #mime}) and what Postfix's {@code smtp-source} sends ({@link #smtpSource}). CRLF line
 * ends, unique Message-IDs; the content is pseudo-random but the same for the same subject.
 */
final class BenchMessages {

    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his"
            + " from at which but have an they you were her she there been one all we their has would when if so no"
            + " will more can said who out about them some could into only time than other then its these two may"
            + " first any like now my such make over our even most after also did many before must through back"
            + " years where much your way well down should because each just those people how too little state good"
            + " very make world still own see men work long get here between both life being under never day same"
            + " another know while last might us great old year off come since against go came right used take three"
            + " invoice meeting quarter report budget schedule project review attached please thanks regards draft"
            + " customer delivery shipment contract proposal figures agenda tomorrow monday friday office team"
            + " résumé café naïve déjà façade über straße").split(" ");

    private BenchMessages() {
    }

    /** "102400", "100k" or "1m": a size in octets. */
    static int parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int factor = 1;
        if (t.endsWith("k")) {
            factor = 1024;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        return Math.multiplyExact(Integer.parseInt(t), factor);
    }

    /**
     * About {@code size} octets of multipart/mixed: a multipart/alternative of text/plain and
     * text/html (the same prose, quoted-printable, a third of the size each) and a base64
     * attachment of incompressible bytes (the last third), as mail clients send a letter with a
     * PDF.
     */
    static byte[] mime(String subject, int size) {
        SplittableRandom random = new SplittableRandom(subject.hashCode());
        String outer = "=_outer_" + UUID.randomUUID();
        String inner = "=_inner_" + UUID.randomUUID();
        int third = Math.max(1, size / 3);
        String prose = prose(random, third);
        StringBuilder m = new StringBuilder(size + 4096);
        m.append(header(subject))
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"").append(outer).append("\"\r\n")
                .append("\r\n")
                .append("This is a multi-part message in MIME format.\r\n")
                .append("--").append(outer).append("\r\n")
                .append("Content-Type: multipart/alternative; boundary=\"").append(inner).append("\"\r\n")
                .append("\r\n")
                .append("--").append(inner).append("\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: quoted-printable\r\n")
                .append("\r\n")
                .append(quotedPrintable(prose))
                .append("--").append(inner).append("\r\n")
                .append("Content-Type: text/html; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: quoted-printable\r\n")
                .append("\r\n")
                .append(quotedPrintable(html(prose)))
                .append("--").append(inner).append("--\r\n")
                .append("--").append(outer).append("\r\n")
                .append("Content-Type: application/pdf; name=\"report.pdf\"\r\n")
                .append("Content-Disposition: attachment; filename=\"report.pdf\"\r\n")
                .append("Content-Transfer-Encoding: base64\r\n")
                .append("\r\n");
        int attachment = Math.max(0, (size - m.length() - 200) * 3 / 4 * 76 / 78);
        byte[] bytes = new byte[attachment];
        random.nextBytes(bytes);
        String base64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
        m.append(base64).append("\r\n")
                .append("--").append(outer).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What {@code smtp-source -l size} sends after its header fields: lines of a line number
     * followed by X up to 80 characters.
     */
    static byte[] smtpSource(String subject, int size) {
        StringBuilder m = new StringBuilder(size + 1024).append(header(subject)).append("\r\n");
        int line = 1;
        for (int left = size; left > 0; left -= 80, line++) {
            String number = Integer.toString(line);
            int length = Math.min(80, left) - 1;
            m.append(number);
            for (int i = number.length(); i < length; i++) {
                m.append('X');
            }
            m.append("\r\n");
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String header(String subject) {
        return "From: Sender <" + MailFixture.SENDER + ">\r\n"
                + "To: someone@example.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@remote.example>\r\n"
                + "Date: Thu, 26 Nov 2026 09:15:30 +0000\r\n";
    }

    /** Paragraphs of sentences of common words, about {@code chars} characters in all. */
    private static String prose(SplittableRandom random, int chars) {
        StringBuilder text = new StringBuilder(chars + 200);
        while (text.length() < chars) {
            int sentences = 3 + random.nextInt(5);
            for (int s = 0; s < sentences; s++) {
                int words = 6 + random.nextInt(14);
                for (int w = 0; w < words; w++) {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    if (w == 0) {
                        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                    }
                    text.append(word).append(w == words - 1 ? ". " : " ");
                }
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    private static String html(String prose) {
        StringBuilder html = new StringBuilder("<html><body>\n");
        for (String paragraph : prose.split("\n\n")) {
            html.append("<p style=\"font-family: Arial, sans-serif\">").append(paragraph.strip()).append("</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** RFC 2045 6.7: soft line breaks after at most 75 characters, =XX for '=' and 8-bit octets. */
    private static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 10);
        for (String line : text.split("\n", -1)) {
            int column = 0;
            byte[] octets = line.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < octets.length; i++) {
                int c = octets[i] & 0xff;
                // A space at the end of a line would be taken away in transport: it is encoded.
                boolean encode = c == '=' || c >= 0x80 || (c == ' ' && i == octets.length - 1);
                String encoded = encode ? String.format(Locale.ROOT, "=%02X", c) : String.valueOf((char) c);
                if (column + encoded.length() > 75) {
                    out.append("=\r\n");
                    column = 0;
                }
                out.append(encoded);
                column += encoded.length();
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
