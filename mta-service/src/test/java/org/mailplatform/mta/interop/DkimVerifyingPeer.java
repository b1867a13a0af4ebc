package org.mailplatform.mta.interop;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.mta.testing.OpenDkim;
import org.mailplatform.testsupport.Dnsmasq;

/**
 * A receiving mail server that judges DKIM signatures as the Internet would: Postfix with OpenDKIM
 * as its verifying milter, the public keys published as TXT records in dnsmasq. Mail for
 * {@code bob@}{@value #DOMAIN} lands in a Maildir with OpenDKIM's Authentication-Results on top.
 * Public, so the local stack's end-to-end test can use it too (mta-service's test jar).
 */
public final class DkimVerifyingPeer implements AutoCloseable {

    public static final String DOMAIN = "postfix.test";

    private final Dnsmasq dns;
    private final OpenDkim opendkim;
    private final PostfixInstance postfix;

    private DkimVerifyingPeer(Dnsmasq dns, OpenDkim opendkim, PostfixInstance postfix) {
        this.dns = dns;
        this.opendkim = opendkim;
        this.postfix = postfix;
    }

    /** Postfix (run as root), OpenDKIM and dnsmasq are installed. */
    public static boolean available() {
        return PostfixInstance.available() && OpenDkim.available() && Dnsmasq.available();
    }

    /** Starts the three with {@code published} in DNS. */
    public static DkimVerifyingPeer start(List<DkimKey> published) throws IOException, InterruptedException {
        List<String> records = new ArrayList<>();
        for (DkimKey key : published) {
            // dnsmasq makes one TXT string per comma-separated part; a string holds at most 255 octets.
            String text = key.txtRecord();
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < text.length(); i += 250) {
                strings.add(text.substring(i, Math.min(text.length(), i + 250)));
            }
            records.add("--txt-record=" + key.dnsName() + "," + String.join(",", strings));
        }
        Dnsmasq dns = Dnsmasq.start(records);
        OpenDkim opendkim = null;
        try {
            opendkim = OpenDkim.start(PostfixInstance.HOSTNAME, dns.port());
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            // tempfail: without its milter Postfix must not accept a message unverified.
            PostfixInstance postfix = PostfixInstance.start(port, DOMAIN, List.of("bob"), "unused.test", 1,
                    List.of("smtpd_milters = " + opendkim.postfixMilter(), "milter_default_action = tempfail"));
            return new DkimVerifyingPeer(dns, opendkim, postfix);
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (opendkim != null) {
                opendkim.close();
            }
            dns.close();
            throw e;
        }
    }

    /** Postfix's SMTP port on 127.0.0.1. */
    public int port() {
        return postfix.port();
    }

    /** Waits for the message with this subject in bob's Maildir (LF line ends, as Postfix stores it). */
    public String awaitStored(String subject, Duration timeout) {
        await().atMost(timeout).until(() -> stored(subject) != null);
        return stored(subject);
    }

    private String stored(String subject) {
        return postfix.maildir("bob").stream().map(m -> new String(m, StandardCharsets.UTF_8))
                .filter(m -> m.contains("Subject: " + subject + "\n")).findFirst().orElse(null);
    }

    /** The dkim= results of OpenDKIM's Authentication-Results field (RFC 8601 2.2), unfolded, comments removed. */
    public static List<String> dkimResults(String stored) {
        // Comments, such as "(2048-bit key; unprotected)", may hold semicolons of their own (RFC 8601 2.2: CFWS).
        String header = stored.substring(0, stored.indexOf("\n\n")).replaceAll("\n[ \t]+", " ").replaceAll("\\([^)]*\\)", "");
        List<String> results = new ArrayList<>();
        for (String line : header.split("\n")) {
            if (line.startsWith("Authentication-Results: " + PostfixInstance.HOSTNAME + ";")) {
                Matcher m = Pattern.compile("dkim=[a-z]+[^;]*").matcher(line);
                while (m.find()) {
                    results.add(m.group().trim());
                }
            }
        }
        return results;
    }

    /** What Postfix and OpenDKIM said, for the diagnosis of a failure. */
    public String logs() {
        return "Postfix log:\n" + postfix.log() + "\nOpenDKIM output:\n" + opendkim.output();
    }

    @Override
    public void close() {
        postfix.close();
        opendkim.close();
        dns.close();
    }
}
