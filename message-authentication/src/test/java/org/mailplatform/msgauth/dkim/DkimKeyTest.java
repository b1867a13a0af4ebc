package org.mailplatform.msgauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeyTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void generatedKeysRoundTripThroughPemWithTheirPublicHalf() {
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            DkimKey key = DkimKey.generate("Example.Test", "S1", algorithm, T0);
            DkimKey read = DkimKey.fromPem("example.test", "s1", key.privateKeyPem().getBytes(StandardCharsets.US_ASCII), T0);
            assertThat(read.algorithm()).isEqualTo(algorithm);
            assertThat(read.publicKey().getEncoded()).isEqualTo(key.publicKey().getEncoded());
            assertThat(read.domain()).isEqualTo("example.test");
            assertThat(read.selector()).isEqualTo("s1");
            assertThat(read.toString()).doesNotContain(Base64.getEncoder().encodeToString(key.privateKey().getEncoded()).substring(0, 20));
        }
    }

    @Test
    void txtRecordsFollowRfc6376AndRfc8463() {
        DkimKey rsa = DkimKey.generate("example.test", "r1", DkimAlgorithm.RSA_SHA256, T0);
        DkimKey ed = DkimKey.generate("example.test", "e1", DkimAlgorithm.ED25519_SHA256, T0);
        assertThat(rsa.dnsName()).isEqualTo("r1._domainkey.example.test");
        assertThat(rsa.txtRecord()).startsWith("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
        // RFC 8463 4.2: the bare 32-byte key, 44 base64 characters.
        assertThat(ed.txtRecord()).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");
        // RFC 1035 3.3.14: no string over 255 octets; the RSA record needs two.
        assertThat(rsa.zoneFileLine()).startsWith("r1._domainkey.example.test. 3600 IN TXT \"v=DKIM1; k=rsa; p=");
        List<String> strings = List.of(rsa.zoneFileLine().replaceFirst("^[^\"]*", "").split("\" \""));
        assertThat(strings).hasSize(2).allSatisfy(s -> assertThat(s.replace("\"", "").length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", strings).replace("\"", "")).isEqualTo(rsa.txtRecord());
    }

    @Test
    void opendkimGenkeyStylePkcs1RsaKeysAreRead() throws Exception {
        java.security.KeyPair pair = rsa(2048);
        // PKCS#1 inside PKCS#8: the PrivateKeyInfo's OCTET STRING holds the RSAPrivateKey; re-wrap it as "RSA PRIVATE KEY".
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] pkcs1 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded();
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n";
        DkimKey key = DkimKey.fromPem("example.test", "legacy", pem.getBytes(StandardCharsets.US_ASCII), T0);
        assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(key.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void weakUnsupportedAndBadlyNamedKeysAreRefused() throws Exception {
        java.security.KeyPair small = rsa(512);
        assertThatThrownBy(() -> new DkimKey("example.test", "x", DkimAlgorithm.RSA_SHA256, small.getPrivate(), small.getPublic(), T0))
                .isInstanceOf(InvalidDkimKeyException.class).hasMessageContaining("RFC 8301");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        String ecPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(ec.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> DkimKey.fromPem("example.test", "x", ecPem.getBytes(StandardCharsets.US_ASCII), T0))
                .isInstanceOf(InvalidDkimKeyException.class).hasMessageContaining("RSA or Ed25519");
        assertThatThrownBy(() -> DkimKey.fromPem("example.test", "x", "not a key".getBytes(StandardCharsets.US_ASCII), T0))
                .isInstanceOf(InvalidDkimKeyException.class);
        assertThatThrownBy(() -> DkimKey.generate("example.test", "bad selector", DkimAlgorithm.ED25519_SHA256, T0))
                .isInstanceOf(InvalidDkimKeyException.class);
        assertThatThrownBy(() -> DkimKey.generate("localhost", "s", DkimAlgorithm.ED25519_SHA256, T0))
                .isInstanceOf(InvalidDkimKeyException.class);
    }

    @Test
    void aKeyDirectoryIsReadLikeAKubernetesSecret() throws Exception {
        DkimKey rsa = DkimKey.generate("example.test", "202611r", DkimAlgorithm.RSA_SHA256, T0);
        DkimKey ed = DkimKey.generate("example.test", "202611e", DkimAlgorithm.ED25519_SHA256, T0);
        write(DkimKeyDirectory.fileName("example.test", "202611r"), rsa.privateKeyPem(), "r--------");
        write(DkimKeyDirectory.fileName("example.test", "202611e"), ed.privateKeyPem(), "r--r--r--");
        write("..data", "", "rw-------");
        write("README.txt", "not a key", "rw-r--r--");

        List<DkimKey> keys = DkimKeyDirectory.read(dir);
        assertThat(keys).extracting(DkimKey::dnsName)
                .containsExactlyInAnyOrder("202611r._domainkey.example.test", "202611e._domainkey.example.test");
        assertThat(DkimKeyRing.of(keys).signingKeys("EXAMPLE.test")).extracting(DkimKey::algorithm)
                .containsExactly(DkimAlgorithm.RSA_SHA256, DkimAlgorithm.ED25519_SHA256);
    }

    @Test
    void aKeyFileOthersMayWriteOrABadNameIsRefusedWithoutShowingTheKey() throws Exception {
        DkimKey ed = DkimKey.generate("example.test", "s", DkimAlgorithm.ED25519_SHA256, T0);
        Path file = write(DkimKeyDirectory.fileName("example.test", "s"), ed.privateKeyPem(), "rw-rw-rw-");
        assertThatThrownBy(() -> DkimKeyDirectory.read(dir)).isInstanceOf(InvalidDkimKeyException.class)
                .hasMessageContaining("written by others");
        Files.delete(file);
        write("example.test.key", ed.privateKeyPem(), "r--------");
        assertThatThrownBy(() -> DkimKeyDirectory.read(dir)).isInstanceOf(InvalidDkimKeyException.class)
                .hasMessageContaining("<selector>._domainkey.<domain>.key");
        Files.delete(dir.resolve("example.test.key"));
        write("s._domainkey.example.test.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "r--------");
        assertThatThrownBy(() -> DkimKeyDirectory.read(dir)).isInstanceOf(InvalidDkimKeyException.class)
                .hasMessageContaining("s._domainkey.example.test.key").hasMessageNotContaining("AAAA");
        assertThatThrownBy(() -> DkimKeyDirectory.read(dir.resolve("missing"))).isInstanceOf(InvalidDkimKeyException.class);
    }

    @Test
    void theNewerKeyOfAnAlgorithmSigns() {
        DkimKey old = DkimKey.generate("example.test", "2025", DkimAlgorithm.RSA_SHA256, T0);
        DkimKey rotated = DkimKey.generate("example.test", "2026", DkimAlgorithm.RSA_SHA256, T0.plusSeconds(60));
        DkimKey sameTimeLaterName = DkimKey.generate("other.test", "b", DkimAlgorithm.ED25519_SHA256, T0);
        DkimKey sameTimeEarlierName = DkimKey.generate("other.test", "a", DkimAlgorithm.ED25519_SHA256, T0);
        DkimKeyRing ring = DkimKeyRing.of(List.of(rotated, old, sameTimeEarlierName, sameTimeLaterName));
        assertThat(ring.signingKeys("example.test")).containsExactly(rotated);
        assertThat(ring.signingKeys("other.test")).containsExactly(sameTimeLaterName);
        assertThat(ring.signingKeys("unknown.test")).isEmpty();
        assertThat(ring.keys()).hasSize(4);
    }

    private Path write(String name, String content, String mode) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(file, FileTime.from(T0));
        return file;
    }

    private static java.security.KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }
}
