package org.mailplatform.store.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The structural check that stands in for the Sieve interpreter's validation. */
class BasicSieveValidatorTest {

    private final BasicSieveValidator validator = new BasicSieveValidator();

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
                vacation :days 3 text:
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
        assertThat(validator.problems("if true {\n  keep;\n")).hasValueSatisfying(p -> assertThat(p).contains("never closed"));
        assertThat(validator.problems("keep;\n}\n")).hasValueSatisfying(p -> assertThat(p).startsWith("line 2"));
        assertThat(validator.problems("fileinto \"open;\n")).hasValueSatisfying(p -> assertThat(p).contains("unterminated string"));
        assertThat(validator.problems("/* open")).hasValueSatisfying(p -> assertThat(p).contains("comment"));
        assertThat(validator.problems("vacation text:\nno end\n")).hasValueSatisfying(p -> assertThat(p).contains("multi-line"));
        assertThat(validator.problems("if (true] {}")).hasValueSatisfying(p -> assertThat(p).contains("unexpected"));
        assertThat(validator.problems("keep\u0000;")).isPresent();
    }

    @Test
    void onlyKnownExtensionsMayBeRequired() {
        assertThat(validator.problems("require [\"fileinto\", \"notify\"];"))
                .hasValueSatisfying(p -> assertThat(p).contains("\"notify\""));
        assertThat(validator.extensions()).containsExactly("fileinto", "reject", "envelope", "encoded-character",
                "vacation", "imap4flags", "body", "variables", "relational", "comparator-i;ascii-numeric", "copy",
                "spamtest", "ereject", "mailbox");
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
