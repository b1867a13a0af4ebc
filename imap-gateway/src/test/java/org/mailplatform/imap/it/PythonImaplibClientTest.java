package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/** Python's imaplib, a second independent client: STARTTLS on 143, implicit TLS on 993. */
class PythonImaplibClientTest extends ImapTestBase {

    private static final String SCRIPT = """
            import imaplib, ssl, sys, time
            p143, p993, user, pw = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
            ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
            m = imaplib.IMAP4('127.0.0.1', p143)
            print('LOGINDISABLED' in m.capabilities)
            try:
                m.login(user, pw); print('plaintext login accepted')
            except imaplib.IMAP4.error:
                print('plaintext login refused')
            m.starttls(ssl_context=ctx)
            print(m.login(user, pw)[0])
            print(m.create('Py')[0])
            msg = b'From: Dave <dave@remote.test>\\r\\nSubject: python test\\r\\n\\r\\nhello from imaplib\\r\\n'
            typ, data = m.append('INBOX', '(\\\\Seen)', imaplib.Time2Internaldate(time.time()), msg)
            print(typ, data[0].decode().split(']')[0].split()[0])
            typ, data = m.select('INBOX'); print(typ, data[0].decode())
            typ, data = m.uid('FETCH', '1', '(BODY.PEEK[])'); print(data[0][1] == msg)
            typ, data = m.search(None, 'SUBJECT', '"python test"'); print('search', data[0].decode())
            typ, data = m.store('1', '+FLAGS', '(\\\\Flagged)'); print('store', data[0].decode())
            typ, data = m.copy('1', 'Py'); print('copy', typ, data[0].decode().split()[0])
            typ, data = m.uid('MOVE', '1', 'Py'); print('move', typ)
            typ, data = m.select('INBOX'); print('after move', data[0].decode())
            m.logout()
            s = imaplib.IMAP4_SSL('127.0.0.1', p993, ssl_context=ctx)
            print(s.login(user, pw)[0])
            typ, data = s.select('Py', readonly=True); print('Py', data[0].decode())
            typ, data = s.fetch('1:*', '(FLAGS)'); print(sorted(d.decode() for d in data))
            s.logout()
            """;

    @Test
    void imaplibOverStartTlsAndImplicitTls() throws Exception {
        Account account = newAccount();
        Process process = new ProcessBuilder("python3", "-c", SCRIPT, String.valueOf(starttlsPort()),
                String.valueOf(implicitTlsPort()), account.address().toString(), PASSWORD)
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).as(output).containsExactly(
                "True",
                "plaintext login refused",
                "OK",
                "OK",
                "OK [APPENDUID",
                "OK 1",
                "True",
                "search 1",
                "store 1 (FLAGS (\\Recent \\Seen \\Flagged))",
                "copy OK [COPYUID",
                "move OK",
                "after move 0",
                "OK",
                "Py 2",
                "['1 (FLAGS (\\\\Recent \\\\Seen \\\\Flagged))', '2 (FLAGS (\\\\Recent \\\\Seen \\\\Flagged))']");
    }
}
