package org.mailplatform.msa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.msa.autoconfig.AutoconfigServer;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.tls.ServerTls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Client autoconfiguration over HTTPS, fetched by curl the way mail clients fetch it, with the
 * certificate verified for the service's host name. The answers are parsed as the clients parse them:
 * Thunderbird's clientConfig and Autodiscover's XML with the JDK's parser, the Apple profile with
 * python3's plistlib. .ci/run installs curl and python3.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.msa.listeners.submission.port=0",
        "mailplatform.msa.listeners.submissions.port=-1",
        "mailplatform.msa.listeners.submission-alt.port=-1",
        "mailplatform.autoconfig.enabled=true",
        "mailplatform.autoconfig.port=0",
        "mailplatform.autoconfig.bind-address=127.0.0.1",
        "mailplatform.autoconfig.smtp-host=smtp.example.test",
        "mailplatform.autoconfig.display-name=Example Mail",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class AutoconfigTest {

    private static final String HOST = "mail.example.test";
    private static final String ALICE = SubmissionTestAccounts.ALICE;

    @Autowired
    AutoconfigServer server;
    @Autowired
    ServerTls tls;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AliasRepository aliases;
    @Autowired
    AccountManager manager;

    @TempDir
    Path dir;

    record Fetched(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        assumePresent(onPath("curl"), "curl is not installed (.ci/run installs it)");
        SubmissionTestAccounts.ensure(domains, accounts, aliases, manager);
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(tls.credentials().leaf().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(dir.resolve("ca.pem"), pem);
    }

    @Test
    void thunderbirdGetsEveryServerOfTheDomain() throws Exception {
        Fetched answer = get("/mail/config-v1.1.xml?emailaddress=" + ALICE.replace("@", "%40"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/xml");
        Element provider = single(parse(answer.body()).getDocumentElement(), "emailProvider");
        assertThat(provider.getOwnerDocument().getDocumentElement().getAttribute("version")).isEqualTo("1.1");
        assertThat(provider.getAttribute("id")).isEqualTo("example.test");
        assertThat(text(provider, "domain")).isEqualTo("example.test");
        assertThat(text(provider, "displayName")).isEqualTo("Example Mail");
        assertThat(servers(provider, "incomingServer")).containsExactly(
                "imap mail.example.test 993 SSL password-cleartext %EMAILADDRESS%",
                "imap mail.example.test 143 STARTTLS password-cleartext %EMAILADDRESS%",
                "pop3 mail.example.test 995 SSL password-cleartext %EMAILADDRESS%",
                "pop3 mail.example.test 110 STARTTLS password-cleartext %EMAILADDRESS%");
        assertThat(servers(provider, "outgoingServer")).containsExactly(
                "smtp smtp.example.test 465 SSL password-cleartext %EMAILADDRESS%",
                "smtp smtp.example.test 587 STARTTLS password-cleartext %EMAILADDRESS%");
    }

    @Test
    void theWellKnownPathTakesTheDomainFromTheHostName() throws Exception {
        Fetched answer = curl("https://" + HOST + ":" + server.boundPort() + "/.well-known/autoconfig/mail/config-v1.1.xml",
                "-H", "Host: autoconfig.Example.Test");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(single(parse(answer.body()).getDocumentElement(), "emailProvider").getAttribute("id")).isEqualTo("example.test");
    }

    @Test
    void anAddressWithoutAnAccountGetsTheSameAnswerAsAnAccount() throws Exception {
        assertThat(get("/mail/config-v1.1.xml?emailaddress=nobody%40example.test").text())
                .isEqualTo(get("/mail/config-v1.1.xml?emailaddress=" + ALICE.replace("@", "%40")).text());
    }

    @Test
    void autodiscoverAnswersAnOutlookRequest() throws Exception {
        for (String path : List.of("/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml")) {
            Fetched answer = post(path, autodiscoverRequest(ALICE));

            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.contentType()).startsWith("application/xml");
            Element account = single(single(parse(answer.body()).getDocumentElement(), "Response"), "Account");
            assertThat(text(account, "AccountType")).isEqualTo("email");
            assertThat(text(account, "Action")).isEqualTo("settings");
            List<String> protocols = new ArrayList<>();
            for (Element p : children(account, "Protocol")) {
                protocols.add(String.join(" ", text(p, "Type"), text(p, "Server"), text(p, "Port"), text(p, "SSL"),
                        text(p, "LoginName"), text(p, "SPA"), text(p, "AuthRequired")));
            }
            assertThat(protocols).as(path).containsExactly(
                    "IMAP mail.example.test 993 on alice@example.test off on",
                    "POP3 mail.example.test 995 on alice@example.test off on",
                    "SMTP smtp.example.test 465 on alice@example.test off on");
        }
    }

    @Test
    void appleDevicesGetAMailProfile() throws Exception {
        assumePresent(onPath("python3"), "python3 is not installed (.ci/run installs it)");
        Fetched answer = get("/apple/mail.mobileconfig?emailaddress=" + ALICE.replace("@", "%40"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/x-apple-aspen-config");
        Map<String, String> plist = plist(answer.body());
        assertThat(plist).containsEntry("PayloadType", "Configuration")
                .containsEntry("PayloadVersion", "1")
                .containsEntry("account.PayloadType", "com.apple.mail.managed")
                .containsEntry("account.EmailAccountType", "EmailTypeIMAP")
                .containsEntry("account.EmailAddress", ALICE)
                .containsEntry("account.IncomingMailServerHostName", HOST)
                .containsEntry("account.IncomingMailServerPortNumber", "993")
                .containsEntry("account.IncomingMailServerUseSSL", "True")
                .containsEntry("account.IncomingMailServerUsername", ALICE)
                .containsEntry("account.OutgoingMailServerHostName", "smtp.example.test")
                .containsEntry("account.OutgoingMailServerPortNumber", "465")
                .containsEntry("account.OutgoingMailServerUseSSL", "True")
                .containsEntry("account.OutgoingMailServerUsername", ALICE);
        assertThat(plist.get("PayloadUUID")).isNotEqualTo(plist.get("account.PayloadUUID"));
    }

    @Test
    void addressesOfOtherDomainsGetNotFound() throws Exception {
        assertThat(get("/mail/config-v1.1.xml?emailaddress=bob%40elsewhere.test").status()).isEqualTo(404);
        assertThat(post("/autodiscover/autodiscover.xml", autodiscoverRequest("bob@elsewhere.test")).status()).isEqualTo(404);
        assertThat(get("/apple/mail.mobileconfig?emailaddress=bob%40elsewhere.test").status()).isEqualTo(404);
        assertThat(get("/actuator/health").status()).isEqualTo(404);
    }

    @Test
    void hostileAutodiscoverBodiesGetACleanBadRequest() throws Exception {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Autodiscover [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
                  <Request><EMailAddress>&secret;@example.test</EMailAddress></Request>
                </Autodiscover>
                """;
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <Autodiscover><Request><EMailAddress>&lol3;</EMailAddress></Request></Autodiscover>
                """;
        String huge = autodiscoverRequest(ALICE).replace("</Request>", "<Pad>" + "x".repeat(1 << 20) + "</Pad></Request>");
        for (String body : List.of(xxe, laughs, huge, "not xml at all", "<Autodiscover><Request/></Autodiscover>")) {
            Fetched answer = post("/autodiscover/autodiscover.xml", body);
            assertThat(answer.status()).as(body.substring(0, Math.min(80, body.length()))).isEqualTo(400);
            assertThat(answer.text()).doesNotContain("root:", "Exception", "at org.");
        }
        assertThat(post("/autodiscover/autodiscover.xml", autodiscoverRequest(ALICE)).status()).isEqualTo(200);
    }

    private static String autodiscoverRequest(String address) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
                  <Request>
                    <EMailAddress>%s</EMailAddress>
                    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
                  </Request>
                </Autodiscover>
                """.formatted(address);
    }

    private Fetched get(String pathAndQuery) throws Exception {
        return curl("https://" + HOST + ":" + server.boundPort() + pathAndQuery);
    }

    private Fetched post(String path, String body) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "request", ".xml"), body);
        return curl("https://" + HOST + ":" + server.boundPort() + path,
                "-H", "Content-Type: text/xml", "--data-binary", "@" + file);
    }

    private Fetched curl(String url, String... more) throws Exception {
        Path out = Files.createTempFile(dir, "answer", ".bin");
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30",
                "--cacert", dir.resolve("ca.pem").toString(),
                "--resolve", HOST + ":" + server.boundPort() + ":127.0.0.1",
                "-o", out.toString(), "-w", "%{http_code} %{content_type}"));
        cmd.addAll(List.of(more));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String written = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("curl " + url + ": " + written).isZero();
        int space = written.indexOf(' ');
        return new Fetched(Integer.parseInt(written.substring(0, space)), written.substring(space + 1), Files.readAllBytes(out));
    }

    /** The profile's top-level keys, and the first payload's as {@code account.<key>}, as python3's plistlib reads them. */
    private Map<String, String> plist(byte[] profile) throws Exception {
        String script = """
                import plistlib, sys
                p = plistlib.loads(sys.stdin.buffer.read())
                for k, v in p.items():
                    if k != "PayloadContent": print(k + "=" + str(v))
                for k, v in p["PayloadContent"][0].items(): print("account." + k + "=" + str(v))
                """;
        Process p = new ProcessBuilder("python3", "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(profile);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("plistlib: " + out).isZero();
        Map<String, String> entries = new LinkedHashMap<>();
        out.lines().forEach(line -> entries.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return entries;
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<String> servers(Element provider, String element) {
        List<String> servers = new ArrayList<>();
        for (Element s : children(provider, element)) {
            servers.add(String.join(" ", s.getAttribute("type"), text(s, "hostname"), text(s, "port"),
                    text(s, "socketType"), text(s, "authentication"), text(s, "username")));
        }
        return servers;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element single(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        assertThat(found).as(localName).hasSize(1);
        return found.getFirst();
    }

    private static String text(Element parent, String localName) {
        return single(parent, localName).getTextContent().strip();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            if (new File(d, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
