-- IMAP SEARCH BODY and TEXT match substrings, case-insensitively (RFC 3501 6.4.4, RFC 9051 6.4.4),
-- which a word index cannot answer: keep the decoded text itself beside its vector. Bodies stored
-- before this migration have none and are searched through their vector only.
ALTER TABLE message_bodies ADD COLUMN search_text text;
