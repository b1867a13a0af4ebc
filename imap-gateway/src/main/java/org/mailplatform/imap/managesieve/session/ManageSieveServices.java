package org.mailplatform.imap.managesieve.session;

import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.store.sieve.SieveScripts;

/** What ManageSieve sessions use: SASL for AUTHENTICATE and the account's scripts. */
public record ManageSieveServices(SaslAuthenticator sasl, SieveScripts scripts) {
}
