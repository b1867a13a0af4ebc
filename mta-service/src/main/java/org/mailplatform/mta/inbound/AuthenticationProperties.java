package org.mailplatform.mta.inbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.mta.inbound.authentication.*}: the sender checks on mail arriving on port 25
 * (never on authenticated submission). DNS goes through the MTA's resolver
 * ({@code mailplatform.mta.relay.dns-servers}).
 *
 * @param spfEnabled        check SPF (RFC 7208) for the MAIL FROM (or HELO) identity
 * @param dkimEnabled       verify DKIM signatures (RFC 6376, RFC 8463)
 * @param dmarcEnabled      evaluate DMARC (RFC 7489)
 * @param dmarcEnforce      act on a DMARC failure as the policy asks: p=reject refuses with 550 5.7.1
 *                          at the end of DATA, p=quarantine files into the recipient's Junk mailbox;
 *                          false only reports the result
 * @param authservId        the authserv-id of the Authentication-Results field (RFC 8601 2.5); empty
 *                          for {@code mailplatform.hostname}
 * @param publicSuffixList  the Public Suffix List file DMARC finds Organizational Domains with (RFC
 *                          7489 3.2); when it cannot be read, the last two labels of a name are its
 *                          Organizational Domain
 * @param maxDkimSignatures signatures verified per message at most
 * @param arcEnabled        validate the message's ARC chain (RFC 8617) and report it as {@code arc=}
 */
@ConfigurationProperties(prefix = "mailplatform.mta.inbound.authentication")
public record AuthenticationProperties(
        @DefaultValue("true") boolean spfEnabled,
        @DefaultValue("true") boolean dkimEnabled,
        @DefaultValue("true") boolean dmarcEnabled,
        @DefaultValue("true") boolean dmarcEnforce,
        @DefaultValue("") String authservId,
        @DefaultValue("/usr/share/publicsuffix/public_suffix_list.dat") String publicSuffixList,
        @DefaultValue("5") int maxDkimSignatures,
        @DefaultValue("true") boolean arcEnabled) {

    public boolean anyEnabled() {
        return spfEnabled || dkimEnabled || dmarcEnabled || arcEnabled;
    }
}
