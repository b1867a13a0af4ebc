package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProxyProtocolTest extends ServerFixture {

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    @Test
    void takesTheClientFromAVersion1HeaderOfATrustedPeer() throws Exception {
        startTrusting("127.0.0.1/32");
        try (LineClient client = LineClient.connect(port("smtp"))) {
            client.send("PROXY TCP4 203.0.113.7 192.0.2.1 51234 587\r\nNOOP\r\n");

            assertThat(client.readLine()).startsWith("+OK hello 203.0.113.7 51234 ");
            assertThat(client.readLine()).isEqualTo("+OK echo NOOP");
            assertThat(client.command("ADDR")).isEqualTo("+OK /203.0.113.7:51234 /192.0.2.1:587");
        }
    }

    @Test
    void takesTheClientFromAVersion2HeaderForIpv4AndIpv6() throws Exception {
        startTrusting("127.0.0.0/8", "::1/128");
        try (LineClient client = LineClient.connect(port("smtp"))) {
            client.sendBytes(v2(0x21, 0x11, "198.51.100.20", "192.0.2.1", 40001, 25));
            assertThat(client.readLine()).startsWith("+OK hello 198.51.100.20 40001 ");
        }
        try (LineClient client = LineClient.connect(port("smtp"))) {
            client.sendBytes(v2(0x21, 0x21, "2001:db8::25", "2001:db8::1", 40002, 25));
            assertThat(client.readLine()).startsWith("+OK hello 2001:db8:0:0:0:0:0:25 40002 ");
        }
    }

    @Test
    void aLocalCommandKeepsTheConnectionsOwnAddress() throws Exception {
        startTrusting("127.0.0.1");
        try (LineClient client = LineClient.connect(port("smtp"))) {
            client.sendBytes(v2(0x20, 0x00, null, null, 0, 0));
            assertThat(client.readLine()).startsWith("+OK hello 127.0.0.1 " + client.socket().getLocalPort() + " ");
        }
    }

    @Test
    void aTrustedPeerThatSendsNoHeaderIsDisconnected() throws Exception {
        startTrusting("127.0.0.1");
        try (LineClient client = LineClient.connect(port("smtp"))) {
            client.send("EHLO sneaky.example\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(protocol.journal).isEmpty();
        await().until(() -> counter("mail.kernel.connections.rejected", "reason", "proxy_header") == 1);
    }

    @Test
    void fromAnUntrustedPeerAHeaderIsOrdinaryInput() throws Exception {
        startTrusting("10.0.0.0/8");
        try (LineClient client = LineClient.connect(port("smtp"))) {
            assertThat(client.readLine()).startsWith("+OK hello 127.0.0.1 ");

            assertThat(client.command("PROXY TCP4 203.0.113.7 192.0.2.1 51234 587"))
                    .isEqualTo("+OK echo PROXY TCP4 203.0.113.7 192.0.2.1 51234 587");
            assertThat(client.command("ADDR")).startsWith("+OK /127.0.0.1:");
        }
    }

    @Test
    void precedesTheTlsHandshakeOnAnImplicitTlsListener() throws Exception {
        start(fastSettings().withTrustedProxyCidrs(List.of("127.0.0.1")), listener("smtps", TlsMode.IMPLICIT));
        try (LineClient client = LineClient.connect(port("smtps"))) {
            client.sendBytes(v2(0x21, 0x11, "198.51.100.30", "192.0.2.1", 40003, 465));
            client.upgrade(TestTls.clientTrusting(tls.certificate()));

            assertThat(client.readLine()).startsWith("+OK hello 198.51.100.30 40003 smtps tls=true");
        }
    }

    private void startTrusting(String... cidrs) {
        start(fastSettings().withTrustedProxyCidrs(List.of(cidrs)), listener("smtp", TlsMode.NONE));
    }

    /** A PROXY protocol v2 header (spec §2.2): signature, version/command, family, length, addresses, ports. */
    private static byte[] v2(int versionCommand, int family, String source, String destination, int sourcePort, int destinationPort)
            throws Exception {
        ByteArrayOutputStream addresses = new ByteArrayOutputStream();
        if (source != null) {
            addresses.write(InetAddress.getByName(source).getAddress());
            addresses.write(InetAddress.getByName(destination).getAddress());
            addresses.write(new byte[] {(byte) (sourcePort >> 8), (byte) sourcePort, (byte) (destinationPort >> 8), (byte) destinationPort});
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(V2_SIGNATURE);
        header.write(versionCommand);
        header.write(family);
        header.write(addresses.size() >> 8);
        header.write(addresses.size());
        addresses.writeTo(header);
        return header.toByteArray();
    }
}
