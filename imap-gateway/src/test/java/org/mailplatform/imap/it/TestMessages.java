package org.mailplatform.imap.it;

/** Messages the tests deliver and append. */
final class TestMessages {

    private TestMessages() {
    }

    static String simple(String subject) {
        return "From: Alice Example <alice@remote.test>\r\n"
                + "To: bob@example.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Tue, 24 Nov 2026 10:15:00 +0100\r\n"
                + "Message-ID: <" + subject.replace(' ', '.') + "@remote.test>\r\n"
                + "\r\n"
                + "Hello, this is the body of " + subject + ".\r\n";
    }

    /** multipart/mixed: a text part and a PDF attachment in base64. */
    static String withAttachment() {
        return "From: Carol <carol@remote.test>\r\n"
                + "To: bob@example.test\r\n"
                + "Subject: Quarterly report\r\n"
                + "Date: Wed, 25 Nov 2026 09:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                + "\r\n"
                + "preamble\r\n"
                + "--b1\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "Please find the report attached. Gr=C3=BC=C3=9Fe\r\n"
                + "--b1\r\n"
                + "Content-Type: application/pdf; name=\"report.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoK\r\n"
                + "--b1--\r\n";
    }
}
