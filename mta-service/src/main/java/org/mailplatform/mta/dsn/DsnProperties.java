package org.mailplatform.mta.dsn;

import org.mailplatform.records.DsnReturn;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailplatform.mta.dsn.*}: what a failure DSN returns of the original message.
 *
 * @param defaultReturn   RET when the sender gave none (RFC 3461 4.3 leaves it to the MTA); HDRS
 *                        keeps bounces small and does not echo content back by default
 * @param maxReturnedSize largest message returned whole for RET=FULL; larger ones come back as
 *                        headers only
 */
@ConfigurationProperties(prefix = "mailplatform.mta.dsn")
public record DsnProperties(
        @DefaultValue("HDRS") DsnReturn defaultReturn,
        @DefaultValue("1MB") DataSize maxReturnedSize) {
}
