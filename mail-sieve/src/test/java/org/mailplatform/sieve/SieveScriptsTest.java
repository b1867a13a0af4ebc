package org.mailplatform.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Checking scripts at upload: syntax (RFC 5228 8), require (3.2), argument rules, and hostile input. */
class SieveScriptsTest {

    @Test
    void aGoodScriptHasNoProblem() {
        assertThat(SieveScripts.validate("""
                require ["fileinto", "imap4flags", "variables", "vacation", "relational",
                         "comparator-i;ascii-numeric", "body", "copy", "mailbox", "envelope", "reject",
                         "spamtest"];
                # a comment
                /* a bracket
                   comment */
                if allof (header :contains "subject" "lunch", not exists "x-spam") {
                    fileinto :create :flags "\\\\Seen" "Lunch";
                } elsif address :domain :is "from" "example.com" {
                    redirect :copy "boss@example.net";
                } elsif spamtest :value "ge" :comparator "i;ascii-numeric" "6" {
                    discard; stop;
                } else {
                    set :lower "who" "${0}";
                    vacation :days 3 :subject "Away" text:
                I am away.
                ..
                .
                ;
                }
                """)).isEmpty();
    }

    @Test
    void errorsNameTheirLine() {
        assertThat(SieveScripts.validate("keep;\nfileinto \"x\";\n")).contains("line 2: fileinto needs require \"fileinto\"");
        assertThat(SieveScripts.validate("if true {\n keep;\n")).hasValueSatisfying(e -> assertThat(e).startsWith("line 3:").contains("'}'"));
        assertThat(SieveScripts.validate("require \"frobnicate\";")).contains("line 1: unsupported extension \"frobnicate\"");
        assertThat(SieveScripts.validate("keep;\nrequire \"fileinto\";")).contains("line 2: require must come before any other command");
        assertThat(SieveScripts.validate("\n\nfoo;")).contains("line 3: unknown command foo");
        assertThat(SieveScripts.validate("if header :frob \"a\" \"b\" { keep; }")).contains("line 1: header does not take :frob");
        assertThat(SieveScripts.validate("else { keep; }")).contains("line 1: else without a preceding if");
        assertThat(SieveScripts.validate("keep")).isPresent();
        assertThat(SieveScripts.validate("\"unterminated")).contains("line 1: string not closed with \"");
        assertThat(SieveScripts.validate("require \"relational\";\nif header :count \"xx\" \"to\" \"1\" { keep; }"))
                .contains("line 2: unknown relation \"xx\" (gt, ge, lt, le, eq, ne)");
        assertThat(SieveScripts.validate("require \"comparator-i;ascii-numeric\";\n"
                + "if header :contains :comparator \"i;ascii-numeric\" \"x\" \"1\" { keep; }")).isPresent();
        assertThat(SieveScripts.validate("redirect \"not an address\";")).isPresent();
        assertThat(SieveScripts.validate("require \"variables\"; set \"1bad\" \"x\";")).isPresent();
    }

    @Test
    void theCapabilityListsTheExtensions() {
        assertThat(SieveScripts.capability().split(" ")).contains("fileinto", "imap4flags", "variables", "vacation",
                "relational", "body", "copy", "mailbox", "spamtest", "reject", "ereject", "envelope");
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        String deep = "if true {".repeat(5_000) + "keep;" + "}".repeat(5_000);
        assertThat(SieveScripts.validate(deep)).hasValueSatisfying(e -> assertThat(e).contains("nested deeper than"));
        String notNot = "if " + "not ".repeat(20_000) + "true { keep; }";
        assertThat(SieveScripts.validate(notNot)).hasValueSatisfying(e -> assertThat(e).contains("nested deeper than"));
        String lists = "if " + "anyof(".repeat(5_000) + "true" + ")".repeat(5_000) + " { keep; }";
        assertThat(SieveScripts.validate(lists)).isPresent();
    }

    @Test
    void aOneMebibyteScriptIsRefusedQuickly() {
        String big = "keep;\n".repeat((1 << 20) / 6 + 1);
        assertThat(big.length()).isGreaterThanOrEqualTo(1 << 20);
        long start = System.nanoTime();
        assertThat(SieveScripts.validate(big)).hasValueSatisfying(e -> assertThat(e).contains("longer than"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        SieveLimits roomy = new SieveLimits(2 << 20, 1 << 20, 32, 1024, 1_000_000, Duration.ofSeconds(5), 32, 4, 4096, 256);
        assertThat(SieveScripts.validate(big, roomy)).isEmpty();
    }

    @Test
    void invalidUtf8IsAnErrorWithItsLine() {
        byte[] script = "keep;\nif header :is \"subject\" \"\u00e9\" { discard; }\n".getBytes(StandardCharsets.UTF_8);
        assertThat(SieveScripts.validate(script)).isEmpty();
        byte[] broken = "keep;\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(SieveScripts.validate(broken)).hasValueSatisfying(e -> assertThat(e).startsWith("line 2:").contains("UTF-8"));
        assertThat(SieveScripts.validate(new byte[] {(byte) 0xff, (byte) 0xfe})).isPresent();
        assertThat(SieveScripts.validate("keep; # \ud800 lone surrogate")).isPresent();
        assertThat(SieveScripts.validate("keep;\u0000")).isPresent();
    }

    @Test
    void numbersWithQuantifiersAndTooLargeOnes() throws Exception {
        assertThat(SieveScripts.validate("if size :over 100K { discard; }")).isEmpty();
        assertThat(SieveScripts.validate("if size :over 99999999999999999999 { discard; }")).isPresent();
        assertThat(SieveRun.run("if size :over 1K { discard; }").actions()).containsExactly(SieveRun.implicitKeep());
        assertThat(SieveRun.run("if size :under 1M { discard; }").actions()).containsExactly(new SieveAction.Discard());
    }

    @Test
    void garbageNeverThrows() {
        String alphabet = "{}[](),;:\"\\ \n\t#/*-abcifelsekeep text:.0123456789KMG${}";
        java.util.Random random = new java.util.Random(5228);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            SieveScripts.validate(b.toString());
        }
        for (String s : List.of("", ";", "text:", "text:\n", "if", "if true", "if true {", "[", "\"", ":", "/*",
                "require [\"fileinto\",];", "require [];", "keep :flags;", "if allof() { keep; }")) {
            assertThat(SieveScripts.validate(s)).as(s).satisfiesAnyOf(o -> assertThat(o).isPresent(), o -> assertThat(o).isEmpty());
        }
        assertThat(SieveScripts.validate("")).isEmpty();
        assertThat(SieveScripts.validate("if allof() { keep; }")).isPresent();
    }
}
