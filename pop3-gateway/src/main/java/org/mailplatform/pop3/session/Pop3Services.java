package org.mailplatform.pop3.session;

import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.pop3.store.MaildropLocks;
import org.mailplatform.pop3.store.MaildropStore;

/** The shared parts every session uses. */
public record Pop3Services(Authenticator authenticator, SaslAuthenticator sasl, MaildropStore store,
                           MaildropLocks locks, Pop3Metrics metrics) {
}
