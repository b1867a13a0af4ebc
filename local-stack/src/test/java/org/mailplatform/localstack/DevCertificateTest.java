package org.mailplatform.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.tls.PemCredentialsReader;
import org.mailplatform.tls.TlsCredentials;

import static org.assertj.core.api.Assertions.assertThat;

class DevCertificateTest {

    @TempDir
    Path dataDir;

    @Test
    void writesACertificateAndKeyTheServicesCanLoad() throws Exception {
        DevCertificate certificate = DevCertificate.ensure(dataDir);

        TlsCredentials credentials = PemCredentialsReader.read(certificate.directory());
        assertThat(credentials.leaf().getSubjectX500Principal().getName()).contains("CN=localhost");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificate.directory().resolve("tls.key"))))
                .isEqualTo("rw-------");
        assertThat(certificate.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void aRestartKeepsTheSameCertificateSoClientExceptionsStillHold() {
        DevCertificate first = DevCertificate.ensure(dataDir);
        DevCertificate second = DevCertificate.ensure(dataDir);

        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint());
    }

    @Test
    void aMissingKeyMakesANewPair() throws Exception {
        DevCertificate first = DevCertificate.ensure(dataDir);
        Files.delete(first.directory().resolve("tls.key"));

        DevCertificate second = DevCertificate.ensure(dataDir);

        assertThat(second.sha256Fingerprint()).isNotEqualTo(first.sha256Fingerprint());
        assertThat(PemCredentialsReader.read(second.directory()).leaf()).isNotNull();
    }
}
