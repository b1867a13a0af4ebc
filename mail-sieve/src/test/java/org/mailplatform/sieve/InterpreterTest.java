package org.mailplatform.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.sieve.SieveRun.actions;
import static org.mailplatform.sieve.SieveRun.fileinto;
import static org.mailplatform.sieve.SieveRun.implicitKeep;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Running scripts: RFC 5228 commands and tests, then each extension. */
class InterpreterTest {

    @Test
    void anEmptyScriptKeeps() {
        assertThat(actions("")).containsExactly(implicitKeep());
    }

    @Test
    void fileintoCancelsTheImplicitKeepAndTheSameMailboxIsOneCopy() {
        assertThat(actions("require \"fileinto\"; fileinto \"A\"; fileinto \"A\"; fileinto \"B\";"))
                .containsExactly(fileinto("A"), fileinto("B"));
    }

    @Test
    void keepAndFileintoMakeTwoCopies() {
        assertThat(actions("require \"fileinto\"; keep; fileinto \"A\";"))
                .containsExactly(new SieveAction.Keep(List.of(), false), fileinto("A"));
    }

    @Test
    void ifElsifElseAndStop() {
        String script = """
                require "fileinto";
                if header :is "subject" "nope" { fileinto "A"; }
                elsif header :contains "subject" "FRIDAY" { fileinto "B"; stop; }
                else { fileinto "C"; }
                fileinto "D";
                """;
        assertThat(actions(script)).containsExactly(fileinto("B"));
    }

    @Test
    void headerAddressAndExists() {
        assertThat(actions("if address :localpart :is \"to\" \"carol\" { discard; }")).containsExactly(new SieveAction.Discard());
        assertThat(actions("if address :domain :is \"from\" \"REMOTE.example\" { discard; }")).containsExactly(new SieveAction.Discard());
        assertThat(actions("if address :all :is \"from\" \"Alice <alice@remote.example>\" { discard; }")).containsExactly(implicitKeep());
        assertThat(actions("if exists [\"subject\", \"message-id\"] { discard; }")).containsExactly(new SieveAction.Discard());
        assertThat(actions("if exists [\"subject\", \"x-nothing\"] { discard; }")).containsExactly(implicitKeep());
        assertThat(actions("if header :matches \"subject\" \"lunch*\" { discard; }")).containsExactly(new SieveAction.Discard());
        assertThat(actions("if header :matches :comparator \"i;octet\" \"subject\" \"lunch*\" { discard; }")).containsExactly(implicitKeep());
        assertThat(actions("if not anyof (false, header :is \"subject\" \"x\") { discard; }")).containsExactly(new SieveAction.Discard());
    }

    @Test
    void encodedWordsInHeadersAreDecoded() {
        byte[] message = SieveRun.message("From: a@b.example\nSubject: =?UTF-8?Q?Caf=C3=A9_au_lait?=\n", "x\n");
        SieveResult r = SieveRun.run("if header :contains \"subject\" \"Caf\u00e9\" { discard; }", message, 1);
        assertThat(r.actions()).containsExactly(new SieveAction.Discard());
    }

    @Test
    void envelopeFromAndTo() {
        assertThat(actions("require \"envelope\"; if envelope :domain :is \"from\" \"remote.example\" { discard; }"))
                .containsExactly(new SieveAction.Discard());
        assertThat(actions("require \"envelope\"; if envelope :localpart :is \"to\" \"bob\" { discard; }"))
                .containsExactly(new SieveAction.Discard());
    }

    @Test
    void redirectWithAndWithoutCopyAndTheLimit() {
        assertThat(actions("redirect \"x@y.example\"; redirect \"X@y.example\";"))
                .containsExactly(new SieveAction.Redirect("x@y.example"));
        assertThat(actions("require \"copy\"; redirect :copy \"x@y.example\";"))
                .containsExactly(new SieveAction.Redirect("x@y.example"), implicitKeep());
        SieveResult tooMany = SieveRun.run("redirect \"a@x.example\"; redirect \"b@x.example\"; redirect \"c@x.example\";"
                + " redirect \"d@x.example\"; redirect \"e@x.example\";");
        assertThat(tooMany.error()).hasValueSatisfying(e -> assertThat(e).contains("more than 4 redirects"));
        assertThat(tooMany.actions()).containsExactly(implicitKeep());
    }

    @Test
    void rejectAndEreject() {
        assertThat(actions("require \"reject\"; reject \"go away\";"))
                .containsExactly(new SieveAction.Reject("go away", false));
        assertThat(actions("require \"ereject\"; ereject \"no\";")).containsExactly(new SieveAction.Reject("no", true));
        // RFC 5429 2.2: reject with keep is an error, and errors keep.
        SieveResult both = SieveRun.run("require \"reject\"; keep; reject \"no\";");
        assertThat(both.error()).isPresent();
        assertThat(both.actions()).containsExactly(implicitKeep());
    }

    @Test
    void comparatorsAndRelational() {
        String numeric = "require [\"relational\", \"comparator-i;ascii-numeric\"];";
        byte[] message = SieveRun.message("From: a@b.example\nX-Score: 0042\nTo: a@x.test, b@x.test, c@x.test\n", "x\n");
        assertThat(SieveRun.run(numeric + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-score\" \"9\" { discard; }",
                message, 1).actions()).containsExactly(new SieveAction.Discard());
        assertThat(SieveRun.run(numeric + "if header :value \"gt\" \"x-score\" \"9\" { discard; }", message, 1).actions())
                .containsExactly(implicitKeep());
        assertThat(SieveRun.run(numeric + "if address :count \"eq\" :comparator \"i;ascii-numeric\" \"to\" \"3\" { discard; }",
                message, 1).actions()).containsExactly(new SieveAction.Discard());
        assertThat(SieveRun.run(numeric + "if header :count \"ge\" :comparator \"i;ascii-numeric\" \"to\" \"2\" { discard; }",
                message, 1).actions()).containsExactly(implicitKeep());
        assertThat(SieveRun.run(numeric + "if header :is :comparator \"i;ascii-numeric\" \"x-score\" \"42\" { discard; }",
                message, 1).actions()).containsExactly(new SieveAction.Discard());
    }

    @Test
    void imap4flagsOnKeepAndFileinto() {
        String script = """
                require ["imap4flags", "fileinto"];
                setflag "\\\\Seen";
                addflag ["$Work", "\\\\Flagged \\\\Seen"];
                removeflag "\\\\Flagged";
                if hasflag :is "$work" { fileinto "Work"; }
                fileinto :flags "\\\\Answered" "Other";
                """;
        assertThat(actions(script)).containsExactly(
                new SieveAction.FileInto("Work", List.of("\\Seen", "$Work"), false),
                new SieveAction.FileInto("Other", List.of("\\Answered"), false));
        assertThat(actions("require \"imap4flags\"; addflag \"\\\\Flagged\";"))
                .containsExactly(new SieveAction.Keep(List.of("\\Flagged"), true));
    }

    @Test
    void variablesWithModifiersAndMatchVariables() {
        String script = """
                require ["variables", "fileinto"];
                if header :matches "subject" "* on *" {
                    set :upper "day" "${2}";
                    set :length "len" "${1}";
                    fileinto "${day}-${len}-${unknown}-${1}";
                }
                """;
        assertThat(actions(script)).containsExactly(fileinto("FRIDAY-5--Lunch"));
        assertThat(actions("require [\"variables\", \"fileinto\"]; set :upperfirst :lower \"a\" \"hELLO\"; fileinto \"${a}${\";"))
                .containsExactly(fileinto("Hello${"));
        assertThat(actions("require [\"variables\", \"fileinto\"]; set :quotewildcard \"a\" \"*?\\\\\"; fileinto \"${a}\";"))
                .containsExactly(fileinto("\\*\\?\\\\"));
        assertThat(actions("require [\"variables\", \"fileinto\"]; set \"a\" \"x\"; if string :is \"${a}\" \"x\" { fileinto \"yes\"; }"))
                .containsExactly(fileinto("yes"));
    }

    @Test
    void growingVariablesAreCutAndBounded() {
        StringBuilder script = new StringBuilder("require [\"variables\", \"fileinto\", \"relational\"]; set \"a\" \"xx\";\n");
        for (int i = 0; i < 5_000; i++) {
            script.append("set \"a\" \"${a}${a}${a}${a}\";\n");
        }
        script.append("if string :count \"eq\" \"${a}\" \"1\" { fileinto \"done\"; }");
        SieveResult r = SieveRun.run(script.toString(), SieveRun.plain(), 1);
        // Either finishes with the variable cut to its limit, or stops on the step limit: never grows without bound.
        assertThat(r.actions()).hasSize(1);
        StringBuilder many = new StringBuilder("require \"variables\";");
        for (int i = 0; i < 300; i++) {
            many.append("set \"v").append(i).append("\" \"x\";");
        }
        assertThat(SieveRun.run(many.toString()).error()).hasValueSatisfying(e -> assertThat(e).contains("variables"));
        assertThat(SieveScripts.validate("require \"variables\"; set \"v${1}\" \"x\";")).isPresent();
    }

    @Test
    void stepAndTimeLimitsEndTheRunWithAKeep() {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            script.append("if header :matches \"subject\" \"*a*b*c*d*e*f*g*\" { discard; }\n");
        }
        SieveLimits small = new SieveLimits(4 << 20, 1 << 20, 32, 1024, 10_000, Duration.ofSeconds(2), 32, 4, 4096, 256);
        SieveResult r = SieveRun.run(script.toString(), SieveRun.plain(), 1, small);
        assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("steps"));
        assertThat(r.actions()).containsExactly(implicitKeep());
    }

    @Test
    void matchesIsLinearEnoughOnHostilePatterns() {
        byte[] message = SieveRun.message("Subject: " + "a".repeat(5_000) + "\n", "x\n");
        long start = System.nanoTime();
        SieveResult r = SieveRun.run("if header :matches \"subject\" \"*a*a*a*a*a*a*a*a*b\" { discard; }", message, 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.actions()).containsExactly(implicitKeep());
        String stars = "*".repeat(1000);
        assertThat(SieveRun.run("if header :matches \"subject\" \"" + stars + "\" { discard; }", message, 1).error()).isPresent();
    }

    @Test
    void bodyText() {
        byte[] message = SieveRun.message("""
                From: a@b.example
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable
                """, "Gr=C3=BC=C3=9Fe aus M=C3=BCnchen\n");
        assertThat(SieveRun.run("require \"body\"; if body :text :contains \"Gr\u00fc\u00dfe\" { discard; }", message, 1).actions())
                .containsExactly(new SieveAction.Discard());
        assertThat(SieveRun.run("require \"body\"; if body :raw :contains \"=C3=BC\" { discard; }", message, 1).actions())
                .containsExactly(new SieveAction.Discard());
        assertThat(SieveRun.run("require \"body\"; if body :contains \"nothing\" { discard; }", message, 1).actions())
                .containsExactly(implicitKeep());
    }

    @Test
    void spamtestReadsTheVerdict() {
        String script = "require [\"spamtest\", \"relational\", \"comparator-i;ascii-numeric\", \"fileinto\"];"
                + " if spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"5\" { fileinto \"Spam\"; }";
        assertThat(SieveRun.run(script, SieveRun.plain(), 10).actions()).containsExactly(fileinto("Spam"));
        assertThat(SieveRun.run(script, SieveRun.plain(), 1).actions()).containsExactly(implicitKeep());
        assertThat(SieveRun.run("require \"spamtestplus\"; if spamtest :percent \"100\" { discard; }", SieveRun.plain(), 10)
                .actions()).containsExactly(new SieveAction.Discard());
    }

    @Test
    void vacationActionWithDefaultsAndAHandle() {
        List<SieveAction> a = actions("require \"vacation\"; vacation :days 3 :subject \"Away\" :addresses [\"bob@other.test\"] \"Back soon\";");
        assertThat(a).hasSize(2).last().isEqualTo(implicitKeep());
        SieveAction.Vacation v = (SieveAction.Vacation) a.getFirst();
        assertThat(v.period()).isEqualTo(Duration.ofDays(3));
        assertThat(v.subject()).isEqualTo("Away");
        assertThat(v.addresses()).containsExactly("bob@other.test");
        assertThat(v.handle()).startsWith("auto:");
        SieveAction.Vacation zero = (SieveAction.Vacation) actions("require \"vacation\"; vacation :days 0 :handle \"h\" \"x\";").getFirst();
        assertThat(zero.period()).isEqualTo(Duration.ofDays(1));
        assertThat(zero.handle()).isEqualTo("h");
        assertThat(SieveRun.run("require \"vacation\"; vacation \"a\"; vacation \"b\";").error()).isPresent();
    }

    @Test
    void vacationRulesRefuseListsBulkAutomatedAndBlindCopies() {
        SieveMessage direct = SieveMessage.parse(SieveRun.plain());
        List<String> own = List.of("bob@local.test");
        assertThat(VacationRules.refusal(new SieveInput(SieveRun.FROM, SieveRun.TO, direct, 1), own)).isEmpty();
        assertThat(VacationRules.refusal(new SieveInput("", SieveRun.TO, direct, 1), own)).contains("null sender");
        assertThat(VacationRules.refusal(new SieveInput("owner-list@x.example", SieveRun.TO, direct, 1), own)).isPresent();
        for (String header : List.of("List-Id: <l.example>", "Precedence: bulk", "Auto-Submitted: auto-generated")) {
            SieveMessage m = SieveMessage.parse(SieveRun.message("From: a@b.example\nTo: bob@local.test\n" + header + "\n", "x\n"));
            assertThat(VacationRules.refusal(new SieveInput(SieveRun.FROM, SieveRun.TO, m, 1), own)).as(header).isPresent();
        }
        SieveMessage explicitNo = SieveMessage.parse(SieveRun.message("To: bob@local.test\nAuto-Submitted: no\n", "x\n"));
        assertThat(VacationRules.refusal(new SieveInput(SieveRun.FROM, SieveRun.TO, explicitNo, 1), own)).isEmpty();
        SieveMessage blind = SieveMessage.parse(SieveRun.message("To: someone@else.example\n", "x\n"));
        assertThat(VacationRules.refusal(new SieveInput(SieveRun.FROM, SieveRun.TO, blind, 1), own))
                .contains("the user is not an explicit recipient");
        assertThat(VacationRules.refusal(new SieveInput(SieveRun.FROM, SieveRun.TO, blind, 1),
                List.of("someone@else.example"))).isEmpty();
    }

    @Test
    void discardStoresNothing() {
        assertThat(actions("discard;")).containsExactly(new SieveAction.Discard());
    }
}
