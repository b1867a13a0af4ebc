package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.RecipientDelivery;

/** Python's poplib, a second independent client: STLS with USER/PASS, and POP3_SSL with AUTH PLAIN. */
class PythonPoplibClientTest extends Pop3IntegrationTest {

    // Prints key=value lines; message bytes are base64 so they survive stdout unchanged.
    private static final String SCRIPT = """
            import base64, poplib, ssl, sys
            port, user, password, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            if mode == 'stls':
                p = poplib.POP3('127.0.0.1', port, timeout=15)
                print('capa-before-tls=' + ','.join(sorted(p.capa().keys())))
                p.stls(context=ctx)
                print('capa=' + ','.join(sorted(p.capa().keys())))
                p.user(user)
                print('login=' + p.pass_(password).decode())
            else:
                p = poplib.POP3_SSL('127.0.0.1', port, context=ctx, timeout=15)
                print('capa=' + ','.join(sorted(p.capa().keys())))
                token = base64.b64encode(b'\\0' + user.encode() + b'\\0' + password.encode()).decode()
                print('login=' + p._shortcmd('AUTH PLAIN ' + token).decode())
            count, size = p.stat()
            print(f'stat={count} {size}')
            print('list=' + ','.join(l.decode() for l in p.list()[1]))
            print('uidl=' + ','.join(l.decode() for l in p.uidl()[1]))
            for i in range(1, count + 1):
                print(f'retr{i}=' + base64.b64encode(b'\\r\\n'.join(p.retr(i)[1]) + b'\\r\\n').decode())
                print(f'top{i}=' + base64.b64encode(b'\\r\\n'.join(p.top(i, 1)[1]) + b'\\r\\n').decode())
            p.dele(1)
            print('quit=' + p.quit().decode())
            """;

    private static Map<String, String> run(int port, Account account, String mode) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", "-c", SCRIPT, String.valueOf(port),
                account.address().toString(), PASSWORD, mode).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void stlsThenUserPass() throws Exception {
        Account account = newAccount();
        String first = message("dots", ".leading dot\r\n..\r\n.\r\nlast line\r\n");
        String second = message("plain", "one\r\ntwo\r\n");
        RecipientDelivery d1 = deliver(account, first);
        RecipientDelivery d2 = deliver(account, second);
        byte[] s1 = stored(account, first);
        byte[] s2 = stored(account, second);

        Map<String, String> out = run(stlsPort(), account, "stls");

        assertThat(out.get("capa-before-tls").split(",")).contains("STLS", "TOP", "UIDL", "RESP-CODES", "PIPELINING")
                .doesNotContain("USER", "SASL");
        assertThat(out.get("capa").split(",")).contains("USER", "SASL", "TOP", "UIDL").doesNotContain("STLS");
        assertThat(out.get("login")).startsWith("+OK");
        assertThat(out.get("stat")).isEqualTo("2 " + (s1.length + s2.length));
        assertThat(out.get("list")).isEqualTo("1 " + s1.length + ",2 " + s2.length);
        assertThat(out.get("uidl")).isEqualTo("1 " + d1.uidValidity() + "." + d1.uid() + ",2 " + d2.uidValidity() + "." + d2.uid());
        assertThat(decoded(out.get("retr1"))).isEqualTo(new String(s1, StandardCharsets.UTF_8));
        assertThat(decoded(out.get("retr2"))).isEqualTo(new String(s2, StandardCharsets.UTF_8));
        String header1 = new String(s1, StandardCharsets.UTF_8);
        header1 = header1.substring(0, header1.indexOf("\r\n\r\n") + 4);
        assertThat(decoded(out.get("top1"))).isEqualTo(header1 + ".leading dot\r\n");
        assertThat(out.get("quit")).startsWith("+OK");
        assertThat(inboxUids(account)).containsExactly(d2.uid());
    }

    @Test
    void implicitTlsWithAuthPlain() throws Exception {
        Account account = newAccount();
        String only = message("over 995", "..starts with two dots\r\n");
        RecipientDelivery d = deliver(account, only);

        Map<String, String> out = run(implicitTlsPort(), account, "ssl");

        assertThat(out.get("capa").split(",")).contains("SASL", "USER").doesNotContain("STLS");
        assertThat(out.get("login")).startsWith("+OK");
        assertThat(out.get("stat")).isEqualTo("1 " + stored(account, only).length);
        assertThat(out.get("uidl")).isEqualTo("1 " + d.uidValidity() + "." + d.uid());
        assertThat(decoded(out.get("retr1"))).isEqualTo(new String(stored(account, only), StandardCharsets.UTF_8));
        assertThat(inboxUids(account)).isEmpty();
    }
}
