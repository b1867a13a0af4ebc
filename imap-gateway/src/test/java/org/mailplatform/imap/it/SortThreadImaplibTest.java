package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/** SORT and THREAD through Python's imaplib, a client that parses the responses itself. */
class SortThreadImaplibTest extends ImapTestBase {

    private static final String SCRIPT = """
            import imaplib, ssl, sys
            ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
            m = imaplib.IMAP4_SSL('127.0.0.1', int(sys.argv[1]), ssl_context=ctx)
            m.login(sys.argv[2], sys.argv[3])
            m.select('INBOX')
            print(m.sort('(REVERSE DATE)', 'UTF-8', 'ALL'))
            print(m.thread('REFERENCES', 'UTF-8', 'ALL'))
            print(m.uid('SORT', '(SUBJECT)', 'UTF-8', 'ALL'))
            print(m.uid('THREAD', 'ORDEREDSUBJECT', 'UTF-8', 'SUBJECT', 'plan'))
            typ, data = m.sort('(DATE)', 'KOI8-R', 'ALL'); print(typ, data[0].decode())
            m.logout()
            """;

    @Test
    void imaplibSortsAndThreads() throws Exception {
        Account account = newAccount();
        deliver(account, "Message-ID: <plan@remote.test>\r\nSubject: Plan\r\nDate: Fri, 01 Mar 2024 10:00:00 +0000\r\n\r\nroot\r\n");
        deliver(account, "Message-ID: <reply@remote.test>\r\nIn-Reply-To: <plan@remote.test>\r\nSubject: Re: Plan\r\n"
                + "Date: Fri, 01 Mar 2024 11:00:00 +0000\r\n\r\nreply\r\n");
        deliver(account, "Message-ID: <other@remote.test>\r\nSubject: Other\r\nDate: Thu, 29 Feb 2024 10:00:00 +0000\r\n\r\nother\r\n");
        Process process = new ProcessBuilder("python3", "-c", SCRIPT, String.valueOf(implicitTlsPort()),
                account.address().toString(), PASSWORD)
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).as(output).containsExactly(
                "('OK', [b'2 1 3'])",
                "('OK', [b'(3)(1 2)'])",
                "('OK', [b'3 1 2'])",
                "('OK', [b'(1 2)'])",
                "NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
    }
}
