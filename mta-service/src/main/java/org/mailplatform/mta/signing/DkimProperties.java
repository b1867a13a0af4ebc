package org.mailplatform.mta.signing;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.dkim.*}: where the signing keys are.
 *
 * @param keysDir         a directory of {@code <selector>._domainkey.<domain>.key} PEM files (a
 *                        mounted secret); none: no keys from files
 * @param refreshInterval how often the directory is read again, so added or rotated keys sign
 *                        without a restart
 */
@ConfigurationProperties("mailplatform.dkim")
public record DkimProperties(Path keysDir, @DefaultValue("1m") Duration refreshInterval) {
}
