package org.mailplatform.mta.milter;

/**
 * The codes and bits of the Sendmail milter protocol, version 6 (as defined by libmilter's
 * {@code mfdef.h} and spoken by Postfix 2.6 and later). A packet is a 4-byte big-endian length
 * (counting the command byte), a command byte, and its data; strings are NUL-terminated.
 */
final class MilterProtocol {

    static final int VERSION = 6;

    // Commands, MTA to milter (SMFIC_*).
    static final byte ABORT = 'A';
    static final byte BODY = 'B';
    static final byte CONNECT = 'C';
    static final byte MACRO = 'D';
    static final byte END_OF_BODY = 'E';
    static final byte HELO = 'H';
    static final byte HEADER = 'L';
    static final byte MAIL = 'M';
    static final byte END_OF_HEADERS = 'N';
    static final byte OPTION_NEGOTIATION = 'O';
    static final byte QUIT = 'Q';
    static final byte RCPT = 'R';
    static final byte DATA = 'T';

    // Replies, milter to MTA (SMFIR_*).
    static final byte ADD_RECIPIENT = '+';
    static final byte DELETE_RECIPIENT = '-';
    static final byte ADD_RECIPIENT_WITH_ARGS = '2';
    static final byte SHUTDOWN = '4';
    static final byte ACCEPT = 'a';
    static final byte REPLACE_BODY = 'b';
    static final byte CONTINUE = 'c';
    static final byte DISCARD = 'd';
    static final byte CHANGE_SENDER = 'e';
    static final byte CONNECTION_FAIL = 'f';
    static final byte ADD_HEADER = 'h';
    static final byte INSERT_HEADER = 'i';
    static final byte SET_MACRO_LIST = 'l';
    static final byte CHANGE_HEADER = 'm';
    static final byte PROGRESS = 'p';
    static final byte QUARANTINE = 'q';
    static final byte REJECT = 'r';
    static final byte SKIP = 's';
    static final byte TEMPFAIL = 't';
    static final byte REPLY_CODE = 'y';

    // Actions a milter may take (SMFIF_*). All are offered, as Postfix does, because libmilter
    // refuses to negotiate when an action the filter registered is missing; header edits, body
    // replacement and quarantine are applied (MilterSession says what happens to the others).
    static final int ACTION_ADD_HEADERS = 0x01;
    static final int ACTION_CHANGE_BODY = 0x02;
    static final int ACTION_ADD_RECIPIENT = 0x04;
    static final int ACTION_DELETE_RECIPIENT = 0x08;
    static final int ACTION_CHANGE_HEADERS = 0x10;
    static final int ACTION_QUARANTINE = 0x20;
    static final int ACTION_CHANGE_SENDER = 0x40;
    static final int ACTION_ADD_RECIPIENT_WITH_ARGS = 0x80;
    static final int ACTION_SET_MACRO_LIST = 0x100;
    static final int ALL_ACTIONS = 0x1ff;

    // Protocol steps a milter may skip (NO*) or leave unanswered (NR_*) (SMFIP_*).
    static final int NO_CONNECT = 0x01;
    static final int NO_HELO = 0x02;
    static final int NO_MAIL = 0x04;
    static final int NO_RCPT = 0x08;
    static final int NO_BODY = 0x10;
    static final int NO_HEADERS = 0x20;
    static final int NO_END_OF_HEADERS = 0x40;
    static final int NO_REPLY_HEADER = 0x80;
    static final int NO_UNKNOWN = 0x100;
    static final int NO_DATA = 0x200;
    static final int SKIP_SUPPORTED = 0x400;
    static final int NO_REPLY_CONNECT = 0x1000;
    static final int NO_REPLY_HELO = 0x2000;
    static final int NO_REPLY_MAIL = 0x4000;
    static final int NO_REPLY_RCPT = 0x8000;
    static final int NO_REPLY_DATA = 0x10000;
    static final int NO_REPLY_END_OF_HEADERS = 0x40000;
    static final int NO_REPLY_BODY = 0x80000;
    static final int HEADER_LEADING_SPACE = 0x100000;
    static final int NO_REPLY_UNKNOWN = 0x20000;
    static final int OFFERED_PROTOCOL = NO_CONNECT | NO_HELO | NO_MAIL | NO_RCPT | NO_BODY | NO_HEADERS
            | NO_END_OF_HEADERS | NO_REPLY_HEADER | NO_UNKNOWN | NO_DATA | SKIP_SUPPORTED | NO_REPLY_CONNECT
            | NO_REPLY_HELO | NO_REPLY_MAIL | NO_REPLY_RCPT | NO_REPLY_DATA | NO_REPLY_UNKNOWN
            | NO_REPLY_END_OF_HEADERS | NO_REPLY_BODY | HEADER_LEADING_SPACE;

    /** libmilter's MILTER_CHUNK_SIZE: the largest body chunk without a negotiated larger size. */
    static final int BODY_CHUNK = 65535;

    /** Largest packet accepted from a milter; a longer length is a broken or hostile peer. */
    static final int MAX_REPLY_PACKET = 1024 * 1024;

    // Address families in SMFIC_CONNECT.
    static final byte FAMILY_UNKNOWN = 'U';
    static final byte FAMILY_INET = '4';
    static final byte FAMILY_INET6 = '6';

    private MilterProtocol() {
    }
}
