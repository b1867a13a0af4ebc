package org.mailplatform.msgauth.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.msgauth.dkim.DkimAlgorithm;
import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.msgauth.dkim.DkimVerifier;
import org.mailplatform.msgauth.dns.DnsAnswer;

/**
 * ARC against an independent implementation (dkimpy): chains it seals verify here, and fail once
 * a sealed part is changed; sets sealed here verify there. Keys are made by dkimpy's dknewkey and
 * looked up from one in-process table by both sides.
 */
class ArcInteropTest {

    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    private static final String OURS = "mx.example.test";

    private static Path work;
    private static final Map<String, String> records = new LinkedHashMap<>();
    private static DkimKey forwarderKey;
    private static DkimKey forwarderEdKey;
    /** {@link #MESSAGE} with one ARC set sealed by dkimpy for lists.test. */
    private static byte[] listed;
    private static ArcVerifier verifier;
    private static final ArcSealer sealer = new ArcSealer(Clock.systemUTC());

    private static final String MESSAGE = """
            Received: from client.author.test by mx.author.test; Mon, 7 Dec 2026 01:00:00 +0000\r
            From: Alice <alice@author.test>\r
            To: list@lists.test\r
            Subject: Minutes of  the meeting\r
            Date: Mon, 7 Dec 2026 01:00:00 +0000\r
            Message-ID: <arc-1@author.test>\r
            \r
            The minutes are attached.   \r
            \r
            Alice\r
            """;

    @BeforeAll
    static void keys() throws Exception {
        assumePresent(dkimpyPresent(), "dkimpy with ARC support is not installed "
                + "(apt-get install python3-dkim python3-authres python3-nacl; .ci/run does it)");
        work = Files.createTempDirectory("arc-interop");
        for (String sealerName : List.of("lists", "relay", "forward")) {
            run(null, "dknewkey", "--ktype", "rsa", work.resolve(sealerName).toString());
            records.put("s1._domainkey." + sealerName + ".test",
                    Files.readString(work.resolve(sealerName + ".dns")).strip());
        }
        forwarderKey = DkimKey.fromPem("forward.test", "s1", Files.readAllBytes(work.resolve("forward.key")), Instant.now());
        forwarderEdKey = DkimKey.generate("forward.test", "e1", DkimAlgorithm.ED25519_SHA256, Instant.now());
        records.put(forwarderEdKey.dnsName(), forwarderEdKey.txtRecord());
        Files.writeString(work.resolve("records.json"), "{" + records.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue().replace("\"", "") + "\"")
                .collect(Collectors.joining(", ")) + "}");
        verifier = new ArcVerifier(new DkimVerifier((name, type) -> records.containsKey(name)
                ? new DnsAnswer.Records(List.of(records.get(name))) : new DnsAnswer.NoSuchName(), Clock.systemUTC(), 5));
        listed = dkimpySeal("lists", "Authentication-Results: lists.test; dkim=pass header.d=author.test\r\n" + MESSAGE);
    }

    @Test
    void aMessageWithoutArcSetsHasStatusNone() {
        assertThat(verifier.verify(bytes(MESSAGE)).outcome()).isEqualTo(ArcResult.Outcome.NONE);
    }

    @Test
    void chainsSealedByDkimpyPassAndFailOnceChanged() throws Exception {
        byte[] first = listed;
        ArcResult one = verifier.verify(first);
        assertThat(one.outcome()).as(one.reason()).isEqualTo(ArcResult.Outcome.PASS);
        assertThat(one.instances()).isEqualTo(1);
        assertThat(one.sealers()).containsExactly("lists.test");

        byte[] second = dkimpySeal("relay", "Authentication-Results: relay.test; arc=pass\r\n" + text(first));
        ArcResult two = verifier.verify(second);
        assertThat(two.outcome()).as(two.reason()).isEqualTo(ArcResult.Outcome.PASS);
        assertThat(two.sealers()).containsExactly("lists.test", "relay.test");

        ArcResult body = verifier.verify(bytes(text(second).replace("minutes are attached", "minutes are lost")));
        assertThat(body.outcome()).isEqualTo(ArcResult.Outcome.FAIL);
        assertThat(body.reason()).contains("ARC-Message-Signature i=2").contains("body hash");

        // The first hop's results are covered only by the seals, not by the newest AMS.
        ArcResult results = verifier.verify(bytes(text(second).replace("dkim=pass header.d=author.test",
                "dkim=pass header.d=forged.test")));
        assertThat(results.outcome()).isEqualTo(ArcResult.Outcome.FAIL);
        assertThat(results.reason()).contains("ARC-Seal i=2");
    }

    @Test
    void setsSealedHereVerifyWithDkimpy() throws Exception {
        byte[] arrived = bytes("Authentication-Results: " + OURS + ";\r\n\tspf=pass smtp.mailfrom=author.test;\r\n"
                + "\tdkim=none;\r\n\tarc=none\r\n" + MESSAGE);
        String set = sealer.seal(arrived, OURS, forwarderKey).orElseThrow().fields();
        byte[] sealed = prepend(set, arrived);

        assertThat(set).startsWith("ARC-Seal: i=1; cv=none; a=rsa-sha256; d=forward.test; s=s1;")
                .contains("ARC-Authentication-Results: i=1; " + OURS + ";\r\n\tspf=pass");
        assertThat(dkimpyVerify(sealed)).startsWith("pass");
        assertThat(verifier.verify(sealed).outcome()).isEqualTo(ArcResult.Outcome.PASS);
        assertThat(dkimpyVerify(bytes(text(sealed).replace("Alice\r\n", "Mallory\r\n")))).startsWith("fail");
    }

    @Test
    void aSetSealedHereExtendsAChainDkimpyStarted() throws Exception {
        ArcResult onArrival = verifier.verify(listed);
        assertThat(onArrival.outcome()).isEqualTo(ArcResult.Outcome.PASS);
        byte[] arrived = prepend("Authentication-Results: " + OURS + "; dkim=none; arc=pass (i=1)\r\n", listed);

        byte[] sealed = prepend(sealer.seal(arrived, OURS, forwarderKey).orElseThrow().fields(), arrived);

        assertThat(text(sealed)).contains("ARC-Seal: i=2; cv=pass;");
        assertThat(dkimpyVerify(sealed)).startsWith("pass");
        assertThat(verifier.verify(sealed).sealers()).containsExactly("lists.test", "forward.test");
    }

    @Test
    void aFailedChainIsSealedWithCvFailOverItsOwnSetOnly() throws Exception {
        byte[] broken = bytes(text(listed).replace("minutes are attached", "minutes are lost"));
        assertThat(verifier.verify(broken).outcome()).isEqualTo(ArcResult.Outcome.FAIL);
        byte[] arrived = prepend("Authentication-Results: " + OURS + "; arc=fail (body hash did not verify)\r\n", broken);

        byte[] sealed = prepend(sealer.seal(arrived, OURS, forwarderKey).orElseThrow().fields(), arrived);

        assertThat(text(sealed)).contains("ARC-Seal: i=2; cv=fail;");
        assertThat(dkimpyVerify(sealed)).startsWith("terminated").contains("ARC-Seal[2] reported failure");
        ArcResult after = verifier.verify(sealed);
        assertThat(after.outcome()).isEqualTo(ArcResult.Outcome.FAIL);
        assertThat(after.reason()).contains("cv=fail");
        // Nothing is added to a chain marked failed.
        assertThat(sealer.seal(prepend("Authentication-Results: " + OURS + "; arc=fail\r\n", sealed), OURS, forwarderKey))
                .isEmpty();
    }

    @Test
    void ed25519SealsVerifyHere() {
        byte[] arrived = bytes("Authentication-Results: " + OURS + "; arc=none\r\n" + MESSAGE);
        byte[] sealed = prepend(sealer.seal(arrived, OURS, forwarderEdKey).orElseThrow().fields(), arrived);

        assertThat(text(sealed)).contains("a=ed25519-sha256");
        assertThat(verifier.verify(sealed).outcome()).isEqualTo(ArcResult.Outcome.PASS);
        assertThat(verifier.verify(bytes(text(sealed).replace("Minutes of", "Minutes for"))).outcome())
                .isEqualTo(ArcResult.Outcome.FAIL);
    }

    @Test
    void nothingIsSealedWithoutThisServersResultsOrOverSetsItDidNotValidate() throws Exception {
        assertThat(sealer.seal(bytes(MESSAGE), OURS, forwarderKey)).isEmpty();
        byte[] unvalidated = prepend("Authentication-Results: " + OURS + "; dkim=none\r\n", listed);
        assertThat(sealer.seal(unvalidated, OURS, forwarderKey)).isEmpty();
    }

    @Test
    void setsThatDoNotFormAChainFail() throws Exception {
        String withoutSeal = text(listed).replaceFirst("(?s)^ARC-Seal:.*?\r\n(?=ARC-Message-Signature)", "");
        assertThat(verifier.verify(bytes(withoutSeal)).reason()).contains("has no ARC-Seal");
        String renumbered = text(listed).replace("i=1;", "i=2;");
        assertThat(verifier.verify(bytes(renumbered)).reason()).contains("no ARC set with i=1");
        String tooHigh = text(listed).replace("i=1;", "i=51;");
        assertThat(verifier.verify(bytes(tooHigh)).reason()).contains("outside 1..50");
        String twice = "ARC-Authentication-Results: i=1; other.test; none\r\n" + text(listed);
        assertThat(verifier.verify(bytes(twice)).reason()).contains("two ARC-Authentication-Results fields with i=1");
    }

    private static byte[] dkimpySeal(String sealerName, String message) throws Exception {
        return run(bytes(message), PYTHON, script(), "sign", work.resolve("records.json").toString(), "s1",
                sealerName + ".test", work.resolve(sealerName + ".key").toString(), sealerName + ".test");
    }

    private static String dkimpyVerify(byte[] message) throws Exception {
        return text(run(message, PYTHON, script(), "verify", work.resolve("records.json").toString())).strip();
    }

    private static String script() throws IOException {
        Path script = work.resolve("arc-dkimpy.py");
        if (!Files.exists(script)) {
            try (InputStream in = ArcInteropTest.class.getResourceAsStream("/arc-dkimpy.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        return script.toString();
    }

    private static boolean dkimpyPresent() {
        try {
            run(null, PYTHON, "-c", "import dkim, authres");
            run(null, "sh", "-c", "command -v dknewkey");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] run(byte[] input, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Path err = Files.createTempFile("arc-interop", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input);
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(err));
        }
        Files.delete(err);
        return out;
    }

    private static byte[] prepend(String fields, byte[] message) {
        return bytes(fields + text(message));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
