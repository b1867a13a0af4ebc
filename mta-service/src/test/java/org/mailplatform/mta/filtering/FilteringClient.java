package org.mailplatform.mta.filtering;

import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP client (Jakarta Mail) sending to port 25 from a chosen loopback address. */
final class FilteringClient {

    private FilteringClient() {
    }

    /** Sends one message; a refused one throws with the server's reply in its message. */
    static void send(int port, String sourceAddress, String to, String subject, String body) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.localaddress", sourceAddress);
        p.put("mail.smtp.localhost", "mail.remote.test");
        p.put("mail.smtp.connectiontimeout", "30000");
        p.put("mail.smtp.timeout", "120000");
        Session s = Session.getInstance(p);
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("carol@remote.test"));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject(subject);
        m.setText(body);
        Transport.send(m);
    }
}
