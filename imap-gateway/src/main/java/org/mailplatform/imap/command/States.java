package org.mailplatform.imap.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.session.SessionState;

/** The state sets commands are allowed in (RFC 9051 6.1 to 6.4). */
final class States {

    static final Set<SessionState> ANY = EnumSet.of(SessionState.NOT_AUTHENTICATED, SessionState.AUTHENTICATED,
            SessionState.SELECTED);
    static final Set<SessionState> NOT_AUTHENTICATED = EnumSet.of(SessionState.NOT_AUTHENTICATED);
    static final Set<SessionState> AUTHENTICATED = EnumSet.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
    static final Set<SessionState> SELECTED = EnumSet.of(SessionState.SELECTED);

    private States() {
    }
}
