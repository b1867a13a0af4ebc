package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.msgauth.dkim.DkimAlgorithm;
import org.mailplatform.msgauth.dkim.DkimKey;

class DemoDkimKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartMakesAnRsaAndAnEd25519KeyThatLaterStartsKeep() throws Exception {
        DemoDkimKeys first = DemoDkimKeys.ensure(dataDir);
        assertThat(first.keys()).extracting(DkimKey::algorithm)
                .containsExactly(DkimAlgorithm.RSA_SHA256, DkimAlgorithm.ED25519_SHA256);
        assertThat(first.keys()).extracting(DkimKey::dnsName).containsExactly(
                "demo-rsa._domainkey.example.test", "demo-ed25519._domainkey.example.test");
        try (var files = Files.list(first.directory())) {
            assertThat(files.toList()).hasSize(2).allSatisfy(f ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }

        DemoDkimKeys again = DemoDkimKeys.ensure(dataDir);
        assertThat(again.keys()).extracting(DkimKey::txtRecord)
                .containsExactlyElementsOf(first.keys().stream().map(DkimKey::txtRecord).toList());
        assertThat(again.keys().getFirst().zoneFileLine())
                .startsWith("demo-rsa._domainkey.example.test. 3600 IN TXT \"v=DKIM1; k=rsa; p=");
    }
}
