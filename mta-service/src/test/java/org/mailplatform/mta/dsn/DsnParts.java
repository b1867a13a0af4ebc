package org.mailplatform.mta.dsn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** A DSN taken apart with Jakarta Mail, as a receiving client would. */
public record DsnParts(MimeMessage message, MimeMultipart report, InternetHeaders perMessage,
                       List<InternetHeaders> perRecipient, byte[] returned) {

    public static DsnParts parse(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        MimeMultipart report = (MimeMultipart) message.getContent();
        BodyPart status = report.getBodyPart(1);
        InputStream in = status.getInputStream();
        InternetHeaders perMessage = new InternetHeaders(in);
        List<InternetHeaders> perRecipient = new ArrayList<>();
        while (true) {
            InternetHeaders block = new InternetHeaders(in);
            if (!block.getAllHeaders().hasMoreElements()) {
                break;
            }
            perRecipient.add(block);
        }
        byte[] returned = null;
        if (report.getCount() > 2) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            report.getBodyPart(2).getInputStream().transferTo(out);
            returned = out.toByteArray();
        }
        return new DsnParts(message, report, perMessage, perRecipient, returned);
    }

    public String field(int recipient, String name) {
        return perRecipient.get(recipient).getHeader(name, null);
    }
}
