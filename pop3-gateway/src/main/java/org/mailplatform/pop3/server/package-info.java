/** The POP3 side of the protocol kernel: the session factory and the adapter from kernel callbacks to a session. */
package org.mailplatform.pop3.server;
