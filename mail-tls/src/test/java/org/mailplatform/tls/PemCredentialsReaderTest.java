package org.mailplatform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemCredentialsReaderTest {

    private static final TestPki PKI = new TestPki();
    // DER OID 1.2.840.10045.3.1.7 (prime256v1), as `openssl ecparam -genkey` writes it ahead of the key.
    private static final String EC_PARAMETERS = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";

    @Test
    void readsSec1EcKeyAsOpensslWritesIt() {
        TestPki.Issued issued = PKI.issueEc("mail.example.test");
        byte[] key = TestPki.opensslEcKeyPem(issued.keyPair().getPrivate());
        assertThat(new String(key, StandardCharsets.US_ASCII)).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");

        TlsCredentials credentials = PemCredentialsReader.read(TestPki.certificatesPem(issued.certificate()), key);

        assertThat(credentials.leaf()).isEqualTo(issued.certificate());
        assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void takesTheCurveOfASec1KeyWithoutParametersFromThePrecedingEcParametersBlock() {
        TestPki.Issued issued = PKI.issueEc("mail.example.test");
        byte[] bare = TestPki.traditionalKeyPem(issued.keyPair().getPrivate());
        assertThat(new String(bare, StandardCharsets.US_ASCII)).contains("BEGIN EC PRIVATE KEY");
        byte[] certificate = TestPki.certificatesPem(issued.certificate());

        TlsCredentials credentials = PemCredentialsReader.read(certificate, concat(EC_PARAMETERS.getBytes(StandardCharsets.US_ASCII), bare));

        assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThatThrownBy(() -> PemCredentialsReader.read(certificate, bare))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("curve");
    }

    @Test
    void readsPkcs8EcKey() {
        TestPki.Issued issued = PKI.issueEc("mail.example.test");
        byte[] key = TestPki.pkcs8KeyPem(issued.keyPair().getPrivate());
        assertThat(new String(key, StandardCharsets.US_ASCII)).contains("BEGIN PRIVATE KEY");

        TlsCredentials credentials = PemCredentialsReader.read(TestPki.certificatesPem(issued.certificate()), key);

        assertThat(credentials.privateKey().getEncoded()).isEqualTo(issued.keyPair().getPrivate().getEncoded());
    }

    @Test
    void readsPkcs1RsaKey() {
        TestPki.Issued issued = PKI.issueRsa("mail.example.test");
        byte[] key = TestPki.traditionalKeyPem(issued.keyPair().getPrivate());
        assertThat(new String(key, StandardCharsets.US_ASCII)).contains("BEGIN RSA PRIVATE KEY");

        TlsCredentials credentials = PemCredentialsReader.read(TestPki.certificatesPem(issued.certificate()), key);

        assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(credentials.leaf().getPublicKey()).isEqualTo(issued.keyPair().getPublic());
    }

    @Test
    void readsPkcs8RsaKey() {
        TestPki.Issued issued = PKI.issueRsa("mail.example.test");

        TlsCredentials credentials = PemCredentialsReader.read(
                TestPki.certificatesPem(issued.certificate()), TestPki.pkcs8KeyPem(issued.keyPair().getPrivate()));

        assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void keepsTheChainInFileOrderLeafFirst(@TempDir Path directory) throws Exception {
        TestPki.Issued issued = PKI.issueEc("mail.example.test");
        Files.write(directory.resolve("tls.crt"), TestPki.certificatesPem(issued.certificate(), issued.issuer()));
        Files.write(directory.resolve("tls.key"), TestPki.pkcs8KeyPem(issued.keyPair().getPrivate()));

        TlsCredentials credentials = PemCredentialsReader.read(directory);

        assertThat(credentials.chain()).containsExactly(issued.certificate(), issued.issuer());
        assertThat(credentials.describe()).contains("CN=mail.example.test").contains("chain=2");
    }

    @Test
    void rejectsAKeyThatBelongsToAnotherCertificate() {
        TestPki.Issued served = PKI.issueEc("mail.example.test");
        TestPki.Issued other = PKI.issueEc("mail.example.test");

        assertThatThrownBy(() -> PemCredentialsReader.read(
                TestPki.certificatesPem(served.certificate()), TestPki.pkcs8KeyPem(other.keyPair().getPrivate())))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void rejectsAnRsaKeyForAnEcCertificate() {
        TestPki.Issued served = PKI.issueEc("mail.example.test");
        TestPki.Issued rsa = PKI.issueRsa("mail.example.test");

        assertThatThrownBy(() -> PemCredentialsReader.read(
                TestPki.certificatesPem(served.certificate()), TestPki.pkcs8KeyPem(rsa.keyPair().getPrivate())))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void rejectsAChainWhoseFirstCertificateIsNotTheKeysOwn() {
        TestPki.Issued issued = PKI.issueEc("mail.example.test");

        assertThatThrownBy(() -> PemCredentialsReader.read(
                TestPki.certificatesPem(issued.issuer(), issued.certificate()), TestPki.pkcs8KeyPem(issued.keyPair().getPrivate())))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void rejectsAnEncryptedKey() {
        TestPki.Issued issued = PKI.issueEc("mail.example.test");

        assertThatThrownBy(() -> PemCredentialsReader.read(
                TestPki.certificatesPem(issued.certificate()), TestPki.encryptedPkcs8KeyPem(issued.keyPair().getPrivate())))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("encrypted");
    }

    @Test
    void rejectsFilesWithoutTheExpectedBlocks() {
        TestPki.Issued issued = PKI.issueEc("mail.example.test");
        byte[] certificate = TestPki.certificatesPem(issued.certificate());
        byte[] key = TestPki.pkcs8KeyPem(issued.keyPair().getPrivate());

        assertThatThrownBy(() -> PemCredentialsReader.read(new byte[0], key)).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> PemCredentialsReader.read(certificate, new byte[0])).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> PemCredentialsReader.read(key, key)).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> PemCredentialsReader.read(certificate, certificate)).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> PemCredentialsReader.read(certificate, concat(key, key)))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("more than one");
        byte[] corrupt = "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> PemCredentialsReader.read(corrupt, key)).isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void reportsAMissingDirectoryAsInvalidCredentials(@TempDir Path directory) {
        assertThatThrownBy(() -> PemCredentialsReader.read(directory.resolve("absent")))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("tls.crt");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
