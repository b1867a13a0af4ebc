/**
 * A milter client: the Sendmail mail filter protocol, version 6, as Postfix speaks it, so that
 * rspamd, clamav-milter or OpenDKIM judge and edit inbound mail as they do behind Postfix.
 *
 * <p>{@link org.mailplatform.mta.milter.MilterChain} runs the configured milters in order on a
 * complete message; each {@link org.mailplatform.mta.milter.MilterSession} is one conversation
 * with one milter over TCP. Nothing here depends on Spring or on the rest of the MTA.
 */
package org.mailplatform.mta.milter;
