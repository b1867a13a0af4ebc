package org.mailplatform.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailplatform.mta.testing.InboundServerTestBase;
import org.mailplatform.records.MailRecord;
import org.mailplatform.testsupport.Dnsmasq;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/**
 * SPF, DKIM and DMARC on port 25 with every part real: the records are published by dnsmasq on
 * loopback, messages are signed by an independent DKIM implementation (dkimpy's dkimsign, RSA and
 * Ed25519), sent by swaks, and read back from {@code mail.delivery} as the MDA stores them.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mx.example.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.inbound.listeners.smtp.tls=STARTTLS",
        "mailplatform.mta.inbound.authentication.spf-enabled=true",
        "mailplatform.mta.inbound.authentication.dkim-enabled=true",
        "mailplatform.mta.inbound.authentication.dmarc-enabled=true",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class InboundAuthenticationTest extends InboundServerTestBase {

    static Path work;
    static Dnsmasq dns;

    @BeforeAll
    static void publishRecords() throws Exception {
        assumePresent(Dnsmasq.available(), "dnsmasq is not installed (apt-get install dnsmasq-base; .ci/run does it)");
        assumePresent(onPath("swaks"), "swaks is not installed (apt-get install swaks; .ci/run does it)");
        assumePresent(onPath("dkimsign") && onPath("dknewkey"),
                "dkimsign is not installed (apt-get install python3-dkim python3-nacl; .ci/run does it)");
        work = Files.createTempDirectory("inbound-auth");
        run(work, "dknewkey", "--ktype", "rsa", "rsa1");
        run(work, "dknewkey", "--ktype", "ed25519", "ed1");
        String rsaKey = Files.readString(work.resolve("rsa1.dns")).strip();
        String edKey = Files.readString(work.resolve("ed1.dns")).strip();
        // The Organizational Domain of x.parent.test is parent.test: "test" is the public suffix.
        Files.writeString(work.resolve("public_suffix_list.dat"), "// test list\ntest\n");
        dns = Dnsmasq.start(List.of(
                Dnsmasq.txtRecord("pass.test", "v=spf1 ip4:127.0.0.0/8 -all"),
                Dnsmasq.txtRecord("fail.test", "v=spf1 ip4:192.0.2.1 -all"),
                Dnsmasq.txtRecord("soft.test", "v=spf1 ip4:192.0.2.1 ~all"),
                Dnsmasq.txtRecord("helo.pass.test", "v=spf1 a:helo.pass.test -all"),
                "--host-record=helo.pass.test,127.0.0.1",
                Dnsmasq.txtRecord("rsa1._domainkey.signed.test", rsaKey),
                Dnsmasq.txtRecord("ed1._domainkey.signed.test", edKey),
                Dnsmasq.txtRecord("_dmarc.signed.test", "v=DMARC1; p=reject"),
                Dnsmasq.txtRecord("rsa1._domainkey.unsigned-policy.test", rsaKey),
                Dnsmasq.txtRecord("reject.test", "v=spf1 -all"),
                Dnsmasq.txtRecord("_dmarc.reject.test", "v=DMARC1; p=reject"),
                Dnsmasq.txtRecord("quarantine.test", "v=spf1 -all"),
                Dnsmasq.txtRecord("_dmarc.quarantine.test", "v=DMARC1; p=quarantine"),
                Dnsmasq.txtRecord("_dmarc.sampled.test", "v=DMARC1; p=reject; pct=0"),
                Dnsmasq.txtRecord("_dmarc.parent.test", "v=DMARC1; p=none; sp=reject"),
                Dnsmasq.txtRecord("_dmarc.aligned.test", "v=DMARC1; p=reject; aspf=r"),
                Dnsmasq.txtRecord("bounce.aligned.test", "v=spf1 ip4:127.0.0.1 -all")));
        readDelivery();
    }

    @DynamicPropertySource
    static void resolver(DynamicPropertyRegistry registry) {
        registry.add("mailplatform.mta.relay.dns-servers", () -> dns.address());
        registry.add("mailplatform.mta.inbound.authentication.public-suffix-list",
                () -> work.resolve("public_suffix_list.dat").toString());
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    @BeforeEach
    void accounts() {
        ensureAccount("bob@example.test", "bobs long password");
    }

    @ParameterizedTest
    @CsvSource({
            "a@pass.test, spf=pass smtp.mailfrom=pass.test",
            "a@fail.test, spf=fail smtp.mailfrom=fail.test",
            "a@soft.test, spf=softfail smtp.mailfrom=soft.test",
            "a@nothing.test, spf=none smtp.mailfrom=nothing.test"})
    void spfResultIsReportedForTheMailFromDomain(String mailFrom, String expected) throws Exception {
        String subject = "spf " + UUID.randomUUID();
        String out = swaks("client.example", mailFrom, message(mailFrom, subject, "hello"));
        assertThat(out).contains("<-  250 2.0.0");
        String stored = stored(subject);
        assertThat(authenticationResults(stored)).hasSize(1);
        assertThat(authenticationResults(stored).getFirst())
                .startsWith("Authentication-Results: mx.example.test;")
                .contains(expected)
                .contains("dkim=none")
                .contains("dmarc=none");
    }

    @Test
    void nullSenderIsCheckedWithTheHeloIdentity() throws Exception {
        String subject = "helo " + UUID.randomUUID();
        String out = swaks("helo.pass.test", "", message("a@pass.test", subject, "a bounce"));
        assertThat(out).contains("<-  250 2.0.0");
        assertThat(authenticationResults(stored(subject)).getFirst()).contains("spf=pass smtp.helo=helo.pass.test");
    }

    @ParameterizedTest
    @CsvSource({
            "rsa1, rsa-sha256, relaxed, simple",
            "rsa1, rsa-sha256, simple, relaxed",
            "ed1, ed25519-sha256, relaxed, relaxed"})
    void dkimSignatureOfAnotherImplementationVerifiesAndAlignsForDmarc(String selector, String algorithm,
                                                                          String hcanon, String bcanon) throws Exception {
        String subject = "dkim " + selector + " " + UUID.randomUUID();
        byte[] signed = sign(message("news@signed.test", subject, "Signed  body\twith   spaces   \r\n\r\n\r\n"),
                selector, "signed.test", algorithm, hcanon, bcanon);
        // SPF fails for the envelope, but the aligned DKIM pass is enough for p=reject (RFC 7489 4.2).
        String out = swaks("client.example", "bounce@fail.test", signed);
        assertThat(out).contains("<-  250 2.0.0");
        String header = authenticationResults(stored(subject)).getFirst();
        assertThat(header)
                .contains("spf=fail smtp.mailfrom=fail.test")
                .contains("dkim=pass header.d=signed.test header.i=@signed.test header.s=" + selector
                        + " header.a=" + algorithm)
                .contains("dmarc=pass")
                .contains("header.from=signed.test");
    }

    @Test
    void alteredSignedMessageFailsDkim() throws Exception {
        String subject = "dkim altered " + UUID.randomUUID();
        byte[] signed = sign(message("news@unsigned-policy.test", subject, "Pay 10 EUR\r\n"),
                "rsa1", "unsigned-policy.test", "rsa-sha256", "relaxed", "relaxed");
        byte[] altered = new String(signed, StandardCharsets.ISO_8859_1).replace("Pay 10 EUR", "Pay 99 EUR")
                .getBytes(StandardCharsets.ISO_8859_1);
        String out = swaks("client.example", "a@pass.test", altered);
        assertThat(out).contains("<-  250 2.0.0");
        assertThat(authenticationResults(stored(subject)).getFirst())
                .contains("dkim=fail reason=\"body hash did not verify\" header.d=unsigned-policy.test")
                .contains("dmarc=none");
    }

    @Test
    void arcChainSealedByAnotherImplementationIsValidated() throws Exception {
        assumePresent(onPath("arcsign"), "arcsign is not installed (apt-get install python3-dkim python3-authres)");
        String subject = "arc " + UUID.randomUUID();
        byte[] listed = arcSeal(("Authentication-Results: lists.signed.test; dkim=pass header.d=author.test\r\n"
                + new String(message("a@author.test", subject, "Through the list\r\n"), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1));
        var before = meters.find("mail.arc.chains").tag("result", "pass").counter();
        double passed = before == null ? 0 : before.count();

        assertThat(swaks("client.example", "a@pass.test", listed)).contains("<-  250 2.0.0");
        assertThat(authenticationResults(stored(subject)).getFirst()).contains("arc=pass (i=1 sealed by signed.test)");
        assertThat(meters.get("mail.arc.chains").tag("result", "pass").counter().count()).isEqualTo(passed + 1);

        String altered = subject + " altered";
        byte[] changed = new String(listed, StandardCharsets.ISO_8859_1).replace(subject, altered)
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(swaks("client.example", "a@pass.test", changed)).contains("<-  250 2.0.0");
        assertThat(authenticationResults(stored(altered)).getFirst())
                .contains("arc=fail (ARC-Message-Signature i=1: fail, signature did not verify)");
    }

    @Test
    void dmarcRejectIsRefusedAtTheEndOfData() throws Exception {
        String subject = "dmarc reject " + UUID.randomUUID();
        String out = swaks("client.example", "ceo@reject.test", message("ceo@reject.test", subject, "wire money"));
        assertThat(out).contains("<** 550 5.7.1 Message rejected: DMARC policy of reject.test");
        assertThat(meters.get("mail.mta.inbound.authentication.actions").tag("action", "reject").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void subdomainPolicyAppliesToSubdomainsOfTheOrganizationalDomain() throws Exception {
        String subject = "dmarc sp " + UUID.randomUUID();
        String out = swaks("client.example", "x@fail.test", message("a@x.parent.test", subject, "sub"));
        assertThat(out).contains("<** 550 5.7.1 Message rejected: DMARC policy of x.parent.test");
    }

    @Test
    void relaxedSpfAlignmentPassesDmarcForASubdomainOfTheAuthorDomain() throws Exception {
        String subject = "dmarc spf aligned " + UUID.randomUUID();
        String out = swaks("client.example", "b@bounce.aligned.test", message("a@aligned.test", subject, "list"));
        assertThat(out).contains("<-  250 2.0.0");
        assertThat(authenticationResults(stored(subject)).getFirst())
                .contains("spf=pass smtp.mailfrom=bounce.aligned.test")
                .contains("dmarc=pass")
                .contains("aligned spf bounce.aligned.test");
    }

    @Test
    void dmarcQuarantineIsDeliveredAsJunkWithTheFailureReported() throws Exception {
        String subject = "dmarc quarantine " + UUID.randomUUID();
        String out = swaks("client.example", "a@quarantine.test", message("a@quarantine.test", subject, "maybe"));
        assertThat(out).contains("<-  250 2.0.0");
        MailRecord r = record(subject);
        assertThat(r.envelope().isJunk()).isTrue();
        assertThat(r.envelope().junk().reason()).isEqualTo("dmarc: p=quarantine for quarantine.test");
        assertThat(authenticationResults(text(r)).getFirst())
                .contains("spf=fail smtp.mailfrom=quarantine.test")
                .contains("dmarc=fail (p=quarantine pct=100 dis=quarantine");
    }

    @Test
    void messageOutsideThePercentageGetsTheNextLowerPolicy() throws Exception {
        String subject = "dmarc pct " + UUID.randomUUID();
        String out = swaks("client.example", "a@sampled.test", message("a@sampled.test", subject, "sampled out"));
        assertThat(out).contains("<-  250 2.0.0");
        MailRecord r = record(subject);
        assertThat(r.envelope().isJunk()).isTrue();
        assertThat(authenticationResults(text(r)).getFirst()).contains("dmarc=fail (p=reject pct=0 dis=quarantine");
    }

    @Test
    void passingMessagesAreNotJunk() throws Exception {
        String subject = "not junk " + UUID.randomUUID();
        swaks("client.example", "a@pass.test", message("a@pass.test", subject, "fine"));
        assertThat(record(subject).envelope().isJunk()).isFalse();
    }

    @Test
    void incomingResultsClaimingOurAuthservIdAreRemovedOthersKept() throws Exception {
        String subject = "forged " + UUID.randomUUID();
        String forged = "Authentication-Results: mx.example.test; dkim=pass header.d=bank.test\r\n"
                + "Authentication-Results: (comment) MX.Example.Test;\r\n\tspf=pass smtp.mailfrom=bank.test\r\n"
                + "Authentication-Results: relay.other.test; spf=pass smtp.mailfrom=pass.test\r\n";
        byte[] m = (forged + new String(message("a@pass.test", subject, "hi"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        String out = swaks("client.example", "a@pass.test", m);
        assertThat(out).contains("<-  250 2.0.0");
        List<String> fields = authenticationResults(stored(subject));
        assertThat(fields).hasSize(2);
        assertThat(fields.get(0)).startsWith("Authentication-Results: mx.example.test;").contains("spf=pass");
        assertThat(fields.get(1)).isEqualTo("Authentication-Results: relay.other.test; spf=pass smtp.mailfrom=pass.test");
    }

    @Test
    void resultsAreCountedPerMethod() throws Exception {
        double before = count("spf", "pass");
        String subject = "metrics " + UUID.randomUUID();
        swaks("client.example", "a@pass.test", message("a@pass.test", subject, "count me"));
        stored(subject);
        assertThat(count("spf", "pass")).isEqualTo(before + 1);
    }

    private double count(String method, String result) {
        var counter = meters.find("mail.mta.inbound.authentication.results").tag("method", method)
                .tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] message(String from, String subject, String body) {
        return ("From: Sender <" + from + ">\r\n"
                + "To: bob@example.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@client.example>\r\n"
                + "Date: Mon, 7 Dec 2026 00:00:00 +0000\r\n"
                + "\r\n"
                + body + (body.endsWith("\r\n") ? "" : "\r\n")).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sign(byte[] message, String selector, String domain, String algorithm, String hcanon,
                               String bcanon) throws Exception {
        Process p = new ProcessBuilder("dkimsign", "--signalg", algorithm, "--hcanon", hcanon, "--bcanon", bcanon,
                selector, domain, work.resolve(selector + ".key").toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(message);
        }
        byte[] signed = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(signed, StandardCharsets.ISO_8859_1)).startsWith("DKIM-Signature:");
        return signed;
    }

    /** The message with an ARC set by dkimpy's arcsign for signed.test (key rsa1), attesting lists.signed.test's results. */
    private static byte[] arcSeal(byte[] message) throws Exception {
        Process p = new ProcessBuilder("arcsign", "rsa1", "signed.test", work.resolve("rsa1.key").toString(),
                "lists.signed.test").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = p.getOutputStream()) {
            in.write(message);
        }
        byte[] sealed = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).startsWith("ARC-Seal: i=1; cv=none;");
        return sealed;
    }

    private String swaks(String helo, String mailFrom, byte[] message) throws Exception {
        Path data = Files.createTempFile(work, "message", ".eml");
        Files.write(data, message);
        Process p = new ProcessBuilder("swaks", "--server", "127.0.0.1", "--port", String.valueOf(server.boundPort("smtp")),
                "--helo", helo, "--from", mailFrom.isEmpty() ? "<>" : mailFrom, "--to", "bob@example.test",
                "--data", data.toString(), "--timeout", "60")
                .redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static MailRecord record(String subject) {
        return delivery.await(x -> text(x).contains(subject));
    }

    private static String stored(String subject) {
        return text(record(subject));
    }

    /** Every Authentication-Results field of the header section, unfolded. */
    private static List<String> authenticationResults(String message) {
        String header = message.substring(0, message.indexOf("\r\n\r\n") + 2).replace("\r\n\t", " ").replace("\r\n ", " ");
        List<String> out = new ArrayList<>();
        for (String line : header.split("\r\n")) {
            if (line.regionMatches(true, 0, "Authentication-Results:", 0, 23)) {
                out.add(line.replaceAll("\\s+", " ").strip());
            }
        }
        return out;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
