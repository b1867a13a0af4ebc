package org.mailplatform.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scripts through Dovecot's Pigeonhole, an independent Sieve implementation: sievec must
 * accept exactly the scripts we accept, and sieve-test must decide the same stores, redirects,
 * rejects, discards and vacation replies for the same message.
 */
class PigeonholeCrossCheckTest {

    private static final Path SIEVEC = Path.of("/usr/bin/sievec");
    private static final Path SIEVE_TEST = Path.of("/usr/bin/sieve-test");
    private static final String FROM = "alice@remote.example";
    private static final String TO = "bob@local.test";

    @TempDir
    static Path dir;
    private static Path config;
    private static int counter;

    private static final String MESSAGE = """
            From: Alice <alice@remote.example>
            To: Bob <bob@local.test>, carol@local.test
            Cc: =?UTF-8?Q?Dan_M=C3=BCller?= <dan@other.example>
            Subject: Lunch on Friday
            Message-ID: <1@remote.example>
            X-Score: 0042
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Shall we meet at noon? The usual place.
            """;

    private static final String LIST_MESSAGE = """
            From: news@lists.example
            To: Bob <bob@local.test>
            Subject: Weekly digest
            List-Id: <weekly.lists.example>
            Precedence: bulk

            This week.
            """;

    @BeforeAll
    static void dovecotConfig() throws IOException {
        assumePresent(Files.isExecutable(SIEVEC) && Files.isExecutable(SIEVE_TEST),
                "sievec and sieve-test (Debian package dovecot-sieve) are not installed");
        // sieve-test drops to the mail user: the files it reads and writes must be open to it.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path mail = Files.createDirectories(dir.resolve("mail"));
        Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxrwxrwx"));
        config = write("dovecot.conf", "mail_uid = nobody\nmail_gid = nogroup\nmail_location = maildir:" + mail + "\n"
                + "plugin {\n  sieve_extensions = +vacation-seconds\n}\n");
    }

    @Test
    void theSameScriptsAreValid() throws Exception {
        List<String> scripts = List.of(
                "keep;",
                "require \"fileinto\"; fileinto \"A\";",
                "fileinto \"A\";",
                "require [\"fileinto\", \"copy\", \"mailbox\"]; fileinto :copy :create \"A/B\";",
                "if header :contains \"subject\" \"x\" { discard; } elsif true { keep; } else { stop; }",
                "elsif true { keep; }",
                "if true keep;",
                "require \"frobnicate\";",
                "keep; require \"fileinto\";",
                "if header :is \"subject\" { keep; }",
                "if size :over 10K { discard; }",
                "if size 10K { discard; }",
                "require \"relational\"; if header :count \"gt\" \"to\" \"1\" { discard; }",
                "require \"relational\"; if header :count \"xx\" \"to\" \"1\" { discard; }",
                "if header :count \"gt\" \"to\" \"1\" { discard; }",
                "require \"variables\"; set :upper \"a\" \"b\"; if string :is \"${a}\" \"B\" { discard; }",
                "require \"variables\"; set \"1a\" \"b\";",
                "require \"imap4flags\"; setflag \"\\\\Seen\"; if hasflag :contains \"seen\" { keep :flags \"x\"; }",
                "require \"vacation\"; vacation :days 3 :subject \"s\" :from \"bob@local.test\" :addresses [\"b@x.example\"] :handle \"h\" \"r\";",
                "require \"vacation\"; vacation :days \"3\" \"r\";",
                // Pigeonhole 2.3 has no ereject (RFC 5429 2.1): only reject is compared.
                "require \"reject\"; if true { reject \"r\"; } else { reject text:\nlong\n.\n; }",
                "require \"body\"; if body :text :contains \"noon\" { discard; }",
                "require \"envelope\"; if envelope :domain :is \"from\" \"remote.example\" { discard; }",
                "if envelope :is \"from\" \"x\" { discard; }",
                "if address :localpart :is [\"to\", \"cc\"] \"carol\" { discard; }",
                "if address :comparator \"i;nonsense\" :is \"to\" \"x\" { discard; }",
                "redirect \"x@y.example\"; /* comment */ # another\n",
                "redirect \"not-an-address\";",
                "if anyof (true, not false, allof (exists \"to\", true)) { keep; }",
                "if anyof () { keep; }",
                "require \"fileinto\"; fileinto text:\nInbox..\n.\n;",
                "keep",
                "\"lonely string\";",
                "if not { keep; }",
                "if true { }",
                "if true { } else { }",
                "stop 1;",
                "discard \"x\";",
                "if header :frob \"to\" \"x\" { keep; }",
                "if header :is 5 \"x\" { keep; }",
                "if header :is :contains \"to\" \"x\" { keep; }",
                "require \"comparator-i;ascii-numeric\"; if header :contains :comparator \"i;ascii-numeric\" \"to\" \"1\" { keep; }",
                "require \"vacation\"; vacation :days 0 \"r\";",
                "require \"vacation\"; vacation :mime :handle \"x\" \"Content-Type: text/plain\\r\\n\\r\\nr\";",
                "require \"vacation\"; vacation :seconds 60 \"r\";",
                "require \"vacation-seconds\"; vacation :seconds 60 \"r\";",
                "require \"imap4flags\"; require \"fileinto\"; fileinto :flags [\"a\", \"b\"] \"X\";",
                "require [\"variables\"]; set \"a\" \"${\"; set :length :lower \"n\" \"${a}\";",
                "require \"variables\"; set :frob \"a\" \"b\";",
                "if true { if true { if true { if true { if true { keep; } } } } }",
                "if size :over \"10\" { keep; }",
                "if exists [] { keep; }",
                "require \"envelope\"; if envelope :all :is \"to\" \"bob@local.test\" { keep; }",
                "require \"envelope\"; if envelope :is \"auth\" \"x\" { keep; }",
                "keep; keep; discard;",
                "require \"copy\"; keep :copy;",
                "require \"mailbox\"; keep;",
                "require \"body\"; if body :raw :matches \"*noon*\" { keep; }",
                "require \"envelope\"; if envelope :is \"AUTH\" \"\" { keep; }");
        List<String> disagreements = new ArrayList<>();
        for (String script : scripts) {
            boolean ours = SieveScripts.validate(script).isEmpty();
            boolean theirs = run(List.of(SIEVEC.toString(), "-c", config.toString(), write(script).toString(),
                    dir.resolve("out" + (++counter) + ".svbin").toString())).exit() == 0;
            if (ours != theirs) {
                disagreements.add((ours ? "we accept, Pigeonhole refuses: " : "we refuse, Pigeonhole accepts: ") + script
                        + (ours ? "" : " (" + SieveScripts.validate(script).orElseThrow() + ")"));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void theSameActionsForTheSameMessage() throws Exception {
        List<String[]> cases = List.of(
                new String[] {"", MESSAGE},
                new String[] {"keep;", MESSAGE},
                new String[] {"discard;", MESSAGE},
                new String[] {"require \"fileinto\"; fileinto \"A\"; fileinto \"A\"; keep;", MESSAGE},
                new String[] {"require [\"fileinto\", \"copy\"]; fileinto :copy \"A\";", MESSAGE},
                new String[] {"if header :contains \"subject\" \"FRIDAY\" { redirect \"x@y.example\"; }", MESSAGE},
                new String[] {"require \"copy\"; redirect :copy \"x@y.example\"; redirect \"z@y.example\";", MESSAGE},
                new String[] {"require \"reject\"; reject \"not now\";", MESSAGE},
                new String[] {"if address :localpart :is \"to\" \"carol\" { discard; }", MESSAGE},
                new String[] {"if address :domain :is \"cc\" \"OTHER.example\" { discard; }", MESSAGE},
                new String[] {"if header :contains \"cc\" \"M\u00fcller\" { discard; }", MESSAGE},
                new String[] {"if header :matches \"subject\" \"lunch*fri?ay\" { discard; }", MESSAGE},
                new String[] {"if header :matches :comparator \"i;octet\" \"subject\" \"lunch*\" { discard; }", MESSAGE},
                new String[] {"require [\"relational\", \"comparator-i;ascii-numeric\"]; "
                        + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-score\" \"9\" { discard; }", MESSAGE},
                new String[] {"require [\"relational\", \"comparator-i;ascii-numeric\"]; "
                        + "if address :count \"eq\" :comparator \"i;ascii-numeric\" [\"to\", \"cc\"] \"3\" { discard; }", MESSAGE},
                new String[] {"require [\"variables\", \"fileinto\"]; if header :matches \"subject\" \"* on *\" "
                        + "{ set :lower \"d\" \"${2}\"; fileinto \"${1}-${d}\"; }", MESSAGE},
                new String[] {"require [\"variables\", \"fileinto\"]; if header :matches \"from\" \"*<*@*>\" "
                        + "{ fileinto \"from-${2}-${3}\"; }", MESSAGE},
                new String[] {"require [\"fileinto\", \"body\"]; if body :text :contains \"usual place\" { fileinto \"B\"; }", MESSAGE},
                new String[] {"require \"envelope\"; if envelope :localpart :is \"to\" \"bob\" { discard; }", MESSAGE},
                new String[] {"if size :under 1K { discard; }", MESSAGE},
                new String[] {"require \"vacation\"; vacation \"I am away.\";", MESSAGE},
                new String[] {"require \"vacation\"; if header :contains \"list-id\" \"weekly\" { stop; } vacation \"Away.\";",
                        LIST_MESSAGE},
                new String[] {"if exists \"x-missing\" { discard; } elsif exists [\"to\", \"x-score\"] { stop; } keep;", MESSAGE},
                new String[] {"if header :contains \"subject\" \"\" { discard; }", MESSAGE},
                new String[] {"if address :all :is \"from\" \"ALICE@remote.example\" { discard; }", MESSAGE},
                new String[] {"if address :is \"from\" \"Alice <alice@remote.example>\" { discard; }", MESSAGE},
                new String[] {"if header :is [\"subject\", \"x\"] [\"a\", \"lunch ON friday\"] { discard; }", MESSAGE},
                new String[] {"if header :matches \"x-score\" \"00?2\" { discard; }", MESSAGE},
                new String[] {"if header :matches \"subject\" \"Lunch\\\\*\" { discard; }", MESSAGE},
                new String[] {"if not exists \"SUBJECT\" { discard; }", MESSAGE},
                new String[] {"if size :over 100 { redirect \"a@b.example\"; }", MESSAGE},
                new String[] {"require [\"variables\", \"fileinto\"]; if header :matches \"subject\" \"*\" "
                        + "{ fileinto \"s-${0}-${1}-${2}\"; }", MESSAGE},
                new String[] {"require [\"variables\", \"fileinto\"]; set \"a\" \"x\"; set :upperfirst \"b\" \"${a}y\"; "
                        + "set :length \"c\" \"${b}${b}\"; fileinto \"${b}-${c}-${A}\";", MESSAGE},
                new String[] {"require [\"variables\", \"relational\", \"comparator-i;ascii-numeric\"]; "
                        + "if string :count \"eq\" :comparator \"i;ascii-numeric\" [\"a\", \"\", \"b\"] \"2\" { discard; }", MESSAGE},
                new String[] {"require \"reject\"; reject text:\n..dots\n.\n;", MESSAGE},
                new String[] {"require \"envelope\"; if envelope :is \"auth\" \"alice@remote.example\" { discard; }", MESSAGE},
                new String[] {"require [\"fileinto\", \"imap4flags\"]; addflag \"\\\\Seen\"; fileinto \"A\"; keep :flags \"x\";", MESSAGE},
                new String[] {"require \"envelope\"; if envelope :all :is \"from\" \"alice@remote.example\" { discard; }", MESSAGE});
        List<String> disagreements = new ArrayList<>();
        for (String[] c : cases) {
            byte[] message = c[1].replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            TreeSet<String> ours = ours(c[0], message);
            TreeSet<String> theirs = theirs(c[0], message);
            if (!ours.equals(theirs)) {
                disagreements.add(c[0] + "\n  ours:       " + ours + "\n  Pigeonhole: " + theirs);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static TreeSet<String> ours(String script, byte[] message) throws SieveSyntaxException {
        SieveInput input = new SieveInput(FROM, TO, SieveMessage.parse(message), 0);
        SieveResult result = SieveScripts.run(SieveScripts.compile(script), input, SieveLimits.DEFAULTS);
        assertThat(result.error()).as(script).isEmpty();
        TreeSet<String> out = new TreeSet<>();
        for (SieveAction a : result.actions()) {
            switch (a) {
                case SieveAction.Keep k -> out.add("store:INBOX");
                case SieveAction.FileInto f -> out.add("store:" + f.mailbox());
                case SieveAction.Redirect r -> out.add("redirect:" + r.address());
                case SieveAction.Reject r -> out.add("reject");
                case SieveAction.Discard d -> out.add("discard");
                // sieve-test reports the action without the delivery-time checks (VacationRules, tested on their own).
                case SieveAction.Vacation v -> out.add("vacation");
            }
        }
        return out;
    }

    private static TreeSet<String> theirs(String script, byte[] message) throws Exception {
        Path messageFile = dir.resolve("message" + (++counter) + ".eml");
        Files.write(messageFile, message);
        Files.setPosixFilePermissions(messageFile, PosixFilePermissions.fromString("rw-r--r--"));
        Result r = run(List.of(SIEVE_TEST.toString(), "-c", config.toString(), "-f", FROM, "-a", TO, "-r", TO,
                write(script).toString(), messageFile.toString()));
        assertThat(r.exit()).as(script + "\n" + r.output()).isZero();
        TreeSet<String> out = new TreeSet<>();
        for (String line : r.output().split("\n")) {
            String l = line.strip();
            if (!l.startsWith("* ")) {
                continue;
            }
            String action = l.substring(2);
            if (action.startsWith("store message in folder: ")) {
                out.add("store:" + action.substring("store message in folder: ".length()));
            } else if (action.equals("discard")) {
                out.add("discard");
            } else if (action.startsWith("redirect message to: ")) {
                out.add("redirect:" + action.substring("redirect message to: ".length()).replaceAll("[<>]", ""));
            } else if (action.startsWith("reject message")) {
                out.add("reject");
            } else if (action.startsWith("send vacation message")) {
                out.add("vacation");
            } else {
                out.add("other:" + action.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    private static Path write(String script) throws IOException {
        return write("script" + (++counter) + ".sieve", script);
    }

    private static Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }
}
