-- RFC 3501 2.3.2 \Recent: a message is recent in exactly one session, the first read-write
-- session that sees it, on whichever gateway replica that session runs. Every UID below
-- first_recent_uid has been claimed; a session claims [first_recent_uid, n) by advancing it to n
-- under the mailbox row's lock, the same lock appends take, so no two sessions claim one UID.
ALTER TABLE mailboxes ADD COLUMN first_recent_uid bigint NOT NULL DEFAULT 1;
-- Messages stored before this column existed are not new to anyone.
UPDATE mailboxes SET first_recent_uid = uid_next;
