-- RFC 3501 2.3.2 \Recent: a message is recent in exactly one session, the first read-write
-- session that sees it, on whichever gateway replica that session runs. Every UID below
-- first_recent_uid has been claimed; a session claims [first_recent_uid, n) by advancing it to n
-- under the mailbox row's lock, the same lock appends take, so no two sessions claim one UID.
ALTER TABLE mailboxes ADD COLUMN first_recent_uid bigint NOT NULL DEFAULT 1;
-- Messages stored before this column existed are not new to anyone.
UPDATE mailboxes SET first_recent_uid = uid_next;

-- IMAP SEARCH BODY looks in the body only, TEXT in header and body (RFC 3501 6.4.4): search_text
-- starts with decoded header fields, and its text parts begin at this character (0-based, in
-- characters as PostgreSQL counts them). NULL for bodies stored before: all of it is searched.
ALTER TABLE message_bodies ADD COLUMN search_body_start integer;
