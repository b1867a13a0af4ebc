package org.mailplatform.msa.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.File;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The listener in its plain-HTTP form (behind an Ingress that ends TLS), driven by curl and by a raw
 * socket for what curl will not send. The domain list is a fixed set here; AutoconfigTest covers the
 * database and HTTPS.
 */
class AutoconfigServerTest {

    private static AutoconfigServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        AutoconfigProperties properties = new AutoconfigProperties(true, 0, "127.0.0.1", false, "", "", "",
                new AutoconfigProperties.Ports(993, 0, 995, 110, 465, 587), "", DataSize.ofKilobytes(16), Duration.ofSeconds(1));
        ClientServers servers = ClientServers.from(properties, "mail.example.org");
        server = new AutoconfigServer(properties, null, new ClientSetupRequests(servers, domain -> {
            if (domain.equals("broken.example")) {
                throw new IllegalStateException("connection refused by db.internal:5432");
            }
            return domain.equals("example.org");
        }));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void plainHttpServesTheIngressAndAPlusSurvivesUnencoded() throws Exception {
        List<String> answer = curl("/mail/config-v1.1.xml?emailaddress=alice+lists@example.org");

        assertThat(answer.getFirst()).isEqualTo("200 application/xml; charset=utf-8");
        // Port 0 leaves the IMAP STARTTLS entry out.
        assertThat(answer.get(1)).contains("<port>993</port>", "<port>995</port>", "<port>110</port>", "<port>465</port>")
                .doesNotContain("<port>143</port>", "<port>0</port>");
        assertThat(curl("/apple/mail.mobileconfig?emailaddress=alice+lists@example.org").get(1))
                .contains("<key>EmailAddress</key><string>alice+lists@example.org</string>");
    }

    @Test
    void wrongMethodsAndPathsAreRefused() throws Exception {
        assertThat(curl("/mail/config-v1.1.xml?emailaddress=alice@example.org", "-X", "POST").getFirst()).startsWith("405 ");
        assertThat(curl("/autodiscover/autodiscover.xml").getFirst()).startsWith("405 ");
        assertThat(curl("/").getFirst()).startsWith("404 ");
        assertThat(curl("/mail/config-v1.1.xml").getFirst()).as("no address: the Host, 127.0.0.1, is no local domain").startsWith("404 ");
        assertThat(curl("/mail/config-v1.1.xml", "-H", "Host: autoconfig.example.org").getFirst()).startsWith("200 ");
        assertThat(curl("/mail/config-v1.1.xml", "-H", "Host: [::1]").getFirst()).startsWith("400 ");
        assertThat(curl("/mail/config-v1.1.xml?emailaddress=not-an-address").getFirst()).startsWith("400 ");
    }

    @Test
    void aDatabaseFailureIsAnUnavailableAnswerThatNamesNothingInternal() throws Exception {
        List<String> answer = curl("/mail/config-v1.1.xml?emailaddress=alice@broken.example");

        assertThat(answer.getFirst()).startsWith("503 ");
        assertThat(answer.get(1)).doesNotContain("db.internal", "Exception");
    }

    @Test
    void malformedAndOversizedRequestsGetBadRequest() throws Exception {
        assertThat(raw("NOT HTTP AT ALL\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: autoconfig.example.org\r\nX-Pad: "
                + "x".repeat(20_000) + "\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw("POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
    }

    /** RFC 9110 10.1.1: a body announced over the limit is refused before it is sent, not after 100 (Continue). */
    @Test
    void aClientWaitingToSendAnOversizedBodyIsRefusedAtOnce() throws Exception {
        String expectContinue = "POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Type: text/xml\r\nContent-Length: ";
        assertThat(raw(expectContinue + (1 << 20) + "\r\n\r\n")).startsWith("HTTP/1.1 400 ");

        try (Socket socket = new Socket("127.0.0.1", server.boundPort())) {
            socket.setSoTimeout(15_000);
            String body = "<Autodiscover><Request><EMailAddress>alice@example.org</EMailAddress></Request></Autodiscover>";
            socket.getOutputStream().write((expectContinue + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] interim = new byte[25];
            int read = socket.getInputStream().readNBytes(interim, 0, interim.length);
            assertThat(new String(interim, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            socket.getOutputStream().write(body.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200 ").contains("<Server>mail.example.org</Server>");
        }
    }

    @Test
    void aClientThatSendsNothingIsDisconnected() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.boundPort())) {
            socket.setSoTimeout(15_000);
            long start = System.nanoTime();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** The status line of the answer to {@code request}, sent as it is. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.boundPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines().findFirst().orElse("");
        }
    }

    /** "status content-type", then the body. */
    private List<String> curl(String pathAndQuery, String... more) throws Exception {
        assumePresent(onPath("curl"), "curl is not installed (.ci/run installs it)");
        Path out = Files.createTempFile(dir, "answer", ".bin");
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "-o", out.toString(),
                "-w", "%{http_code} %{content_type}"));
        cmd.addAll(List.of(more));
        cmd.add("http://127.0.0.1:" + server.boundPort() + pathAndQuery);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String written = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(written).isZero();
        return List.of(written, Files.readString(out));
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
