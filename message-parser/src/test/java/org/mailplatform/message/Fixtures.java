package org.mailplatform.message;

import java.nio.charset.StandardCharsets;

/** Test messages, written with LF for readability and sent with CRLF as SMTP delivers them. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static String slice(byte[] raw, long start, long end) {
        return new String(raw, (int) start, (int) (end - start), StandardCharsets.UTF_8);
    }

    static String body(byte[] raw, BodyPart part) {
        return slice(raw, part.bodyStart(), part.bodyEnd());
    }

    static String mimeHeader(byte[] raw, BodyPart part) {
        return slice(raw, part.headerStart(), part.bodyStart());
    }

    static final String SIMPLE = """
            From: Alice <alice@example.com>
            To: Bob <bob@example.org>
            Subject: Lunch
            Date: Tue, 14 Dec 2010 11:30:36 +0100
            Message-ID: <simple@example.com>

            Shall we meet at noon?
            Alice
            """;

    static final String MIXED = """
            From: "Doe, John" <john@example.com>
            To: Mary <mary@example.org>, bob@example.net
            Cc: =?utf-8?q?J=C3=B6rg?= <joerg@example.de>
            Subject: Quarterly report
            Date: Tue, 14 Dec 2010 11:30:36 +0100
            Message-ID: <mixed@example.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            This is a multi-part message in MIME format.
            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Hello J=C3=B6rg,
            the report is attached.
            --inner
            Content-Type: text/html; charset=utf-8

            <p>Hello J&ouml;rg, the <b>report</b> is attached.</p>
            --inner--
            --outer
            Content-Type: application/pdf; name="report.pdf"
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment; filename="report.pdf"

            JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K
            ZW5kc3RyZWFtCmVuZG9iago=
            --outer--
            Epilogue, ignored.
            """;

    static final String FORWARD = """
            From: Ann <ann@example.com>
            To: Ben <ben@example.com>
            Subject: Fwd: Inner
            Content-Type: multipart/mixed; boundary=b1

            --b1
            Content-Type: text/plain

            See below.
            --b1
            Content-Type: text/plain

            Second part.
            --b1
            Content-Type: message/rfc822
            Content-Description: forwarded message

            From: Carol <carol@example.com>
            To: Ann <ann@example.com>
            Subject: Inner
            Date: Sun, 12 Aug 2012 12:34:56 +0300
            Content-Type: multipart/alternative; boundary=b2

            --b2
            Content-Type: text/plain

            Inner text
            --b2
            Content-Type: text/html

            <b>Inner</b> html
            --b2--
            --b1--
            """;

    static final String EXTENSION_FIELDS = """
            From: user@domain.org
            Mime-Version: 1.0
            Content-Type: multipart/mixed; boundary="foo
             bar"

            Root MIME prologue

            --foo bar
            Content-Type: text/x-myown; charset=us-ascii; foo="quoted\\"string"
            Content-ID: <foo@example.com>
            Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
            Content-Disposition: inline; foo=bar
            Content-Description: hellodescription
            Content-Language: en, fi, se
            Content-Location: http://example.com/
             test.txt

            hello

            --foo bar
            Content-Type: image/png
            Content-Transfer-Encoding: BASE64
            Content-Disposition: attachment; filename*0*=utf-8''J%C3%B6rg;
             filename*1=".png"

            iVBORw0KGgo=
            --foo bar--
            Root MIME epilogue
            """;

    static final String RFC822_BODY = """
            From: outer@example.com
            Subject: bounce
            Content-Type: message/rfc822

            From: inner@example.com
            Subject: original

            original text
            """;
}
