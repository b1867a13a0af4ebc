package org.mailplatform.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Compiles and runs scripts on small messages for the tests. */
final class SieveRun {

    static final String FROM = "alice@remote.example";
    static final String TO = "bob@local.test";

    private SieveRun() {
    }

    static byte[] message(String headers, String body) {
        return (headers.replace("\n", "\r\n") + "\r\n" + body.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] plain() {
        return message("""
                From: Alice <alice@remote.example>
                To: Bob <bob@local.test>, carol@local.test
                Subject: Lunch on Friday
                Message-ID: <1@remote.example>
                Content-Type: text/plain; charset=utf-8
                """, "Shall we meet at noon?\n");
    }

    static SieveResult run(String script) {
        return run(script, plain(), 1);
    }

    static SieveResult run(String script, byte[] message, int spam) {
        return run(script, message, spam, SieveLimits.DEFAULTS);
    }

    static SieveResult run(String script, byte[] message, int spam, SieveLimits limits) {
        Script compiled;
        try {
            compiled = SieveScripts.compile(script, limits);
        } catch (SieveSyntaxException e) {
            throw new AssertionError("script refused: " + e.getMessage(), e);
        }
        return SieveScripts.run(compiled, new SieveInput(FROM, TO, SieveMessage.parse(message), spam), limits);
    }

    /** The actions of a run that must not fail. */
    static List<SieveAction> actions(String script) {
        SieveResult result = run(script);
        assertThat(result.error()).isEmpty();
        return result.actions();
    }

    static SieveAction.Keep implicitKeep() {
        return new SieveAction.Keep(List.of(), true);
    }

    static SieveAction.FileInto fileinto(String mailbox) {
        return new SieveAction.FileInto(mailbox, List.of(), false);
    }
}
