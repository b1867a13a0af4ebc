package org.mailplatform.store.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What ManageSieve and the admin API refuse before a script is stored. */
class SieveScriptRulesTest {

    private final InterpreterSieveValidator validator = new InterpreterSieveValidator();

    @Test
    void wellFormedScriptsPass() {
        assertThat(validator.problems("""
                require ["fileinto", "vacation", "comparator-i;ascii-numeric"];
                # a comment with { and "
                /* a block comment
                   with } */
                if anyof (header :contains "subject" "a\\"b}", size :over 100K) {
                    fileinto "Junk";
                } elsif header :is "x" ["y", "z"] { stop; }
                vacation :days 3 :subject "away" text:
                Away; back { soon }.
                ..still text
                .
                ;
                """)).isEmpty();
        assertThat(validator.problems("")).isEmpty();
        assertThat(validator.problems("require \"comparator-i;octet\"; keep;")).isEmpty();
    }

    @Test
    void brokenScriptsAreReportedWithTheLine() {
        assertThat(validator.problems("if true {\n  keep;\n")).isPresent();
        assertThat(validator.problems("keep;\n}\n")).hasValueSatisfying(p -> assertThat(p).startsWith("line 2"));
        assertThat(validator.problems("require \"fileinto\";\nfileinto \"open;\n")).isPresent();
        assertThat(validator.problems("/* open")).isPresent();
        assertThat(validator.problems("require \"vacation\";\nvacation text:\nno end\n")).isPresent();
        assertThat(validator.problems("if (true] {}")).isPresent();
        assertThat(validator.problems("keep\u0000;")).isPresent();
        // What only the interpreter knows: an unknown command, and an extension used without require.
        assertThat(validator.problems("frobnicate;")).isPresent();
        assertThat(validator.problems("fileinto \"Junk\";")).hasValueSatisfying(p -> assertThat(p).startsWith("line 1"));
    }

    @Test
    void onlyKnownExtensionsMayBeRequired() {
        assertThat(validator.problems("require [\"fileinto\", \"notify\"];"))
                .hasValueSatisfying(p -> assertThat(p).contains("\"notify\""));
        assertThat(validator.extensions()).isEqualTo(org.mailplatform.sieve.SieveScripts.EXTENSIONS)
                .contains("fileinto", "vacation", "imap4flags", "variables", "relational", "spamtest");
    }

    @Test
    void scriptsWithNulOrOverTheLimitAreRefusedBeforeTheValidator() {
        SieveScripts scripts = new SieveScripts(null, validator, 16, 5);
        assertThat(scripts.check("fileinto \"a\u0000b\";")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
        assertThat(scripts.check("#" + "x".repeat(16))).hasValueSatisfying(p -> assertThat(p).contains("size limit"));
        assertThat(scripts.check("keep;")).isEmpty();
    }

    @Test
    void scriptNamesFollowRfc5804() {
        assertThat(SieveScripts.nameProblem("vacation")).isEmpty();
        assertThat(SieveScripts.nameProblem("Filtres d'été")).isEmpty();
        assertThat(SieveScripts.nameProblem("")).isPresent();
        assertThat(SieveScripts.nameProblem("a\u0085b")).isPresent();
        assertThat(SieveScripts.nameProblem("a\u2028b")).isPresent();
        assertThat(SieveScripts.nameProblem("x".repeat(129))).isPresent();
    }
}
