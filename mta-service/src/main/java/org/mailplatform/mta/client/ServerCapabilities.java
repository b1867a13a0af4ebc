package org.mailplatform.mta.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

import org.mailplatform.smtp.SmtpReply;

/**
 * The service extensions a peer announced in its EHLO reply (RFC 5321 4.1.1.1: one keyword and
 * its parameters per line after the first). After HELO there are none.
 *
 * @param esmtp    whether EHLO was accepted; without it no MAIL or RCPT parameters may be sent
 * @param keywords the upper-cased keywords
 * @param sizeLimit RFC 1870 SIZE: the largest message the peer takes, empty when it named no limit
 * @param authMechanisms RFC 4954 AUTH mechanisms, upper-cased
 */
public record ServerCapabilities(boolean esmtp, Set<String> keywords, OptionalLong sizeLimit,
                                 List<String> authMechanisms) {

    public ServerCapabilities {
        keywords = Collections.unmodifiableSet(new LinkedHashSet<>(keywords));
        authMechanisms = List.copyOf(authMechanisms);
    }

    /** After HELO: plain RFC 5321 without extensions. */
    public static ServerCapabilities helo() {
        return new ServerCapabilities(false, Set.of(), OptionalLong.empty(), List.of());
    }

    public static ServerCapabilities fromEhlo(SmtpReply reply) {
        Set<String> keywords = new LinkedHashSet<>();
        OptionalLong size = OptionalLong.empty();
        List<String> mechanisms = new ArrayList<>();
        List<String> lines = reply.lines();
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).trim().split("[ =]+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            keywords.add(keyword);
            if (keyword.equals("SIZE") && parts.length > 1 && parts[1].matches("\\d{1,18}")) {
                long limit = Long.parseLong(parts[1]);
                // RFC 1870 4: SIZE 0 (or no number) means no fixed limit.
                size = limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
            }
            if (keyword.equals("AUTH")) {
                for (int p = 1; p < parts.length; p++) {
                    String mechanism = parts[p].toUpperCase(Locale.ROOT);
                    if (!mechanisms.contains(mechanism)) {
                        mechanisms.add(mechanism);
                    }
                }
            }
        }
        return new ServerCapabilities(true, keywords, size, mechanisms);
    }

    public boolean has(String keyword) {
        return keywords.contains(keyword);
    }

    public boolean pipelining() {
        return has("PIPELINING");
    }

    public boolean startTls() {
        return has("STARTTLS");
    }

    public boolean eightBitMime() {
        return has("8BITMIME");
    }

    public boolean smtpUtf8() {
        return has("SMTPUTF8");
    }

    public boolean chunking() {
        return has("CHUNKING");
    }

    /** RFC 3030 3: BINARYMIME is only usable together with CHUNKING. */
    public boolean binaryMime() {
        return has("BINARYMIME") && chunking();
    }

    public boolean dsn() {
        return has("DSN");
    }

    public boolean size() {
        return has("SIZE");
    }

    public boolean auth(String mechanism) {
        return authMechanisms.contains(mechanism);
    }
}
