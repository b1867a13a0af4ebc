/**
 * One POP3 session: its state (RFC 1939 3), the open maildrop with its deletion marks, login and
 * UPDATE. Sees the connection only through {@link org.mailplatform.pop3.session.Pop3Connection}.
 */
package org.mailplatform.pop3.session;
