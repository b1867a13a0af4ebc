package org.mailplatform.msgauth.dkim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One DKIM-Signature header field, parsed and checked as RFC 6376 6.1.1 asks before any key is
 * fetched.
 *
 * @param algorithm     a= ({@code rsa-sha256}, {@code ed25519-sha256}, ...)
 * @param signature     b= decoded
 * @param bodyHash      bh= decoded
 * @param headerCanon   the header half of c= ({@code simple} by default, 3.5)
 * @param bodyCanon     the body half of c= ({@code simple} by default)
 * @param domain        d=, lower case
 * @param signedHeaders h=, in signing order
 * @param identity      i=, {@code @d} by default
 * @param bodyLength    l=, or -1 for the whole body
 * @param selector      s=
 * @param expires       x=, or null
 */
record DkimSignatureField(String algorithm, byte[] signature, byte[] bodyHash, String headerCanon,
                          String bodyCanon, String domain, List<String> signedHeaders, String identity,
                          long bodyLength, String selector, Instant expires) {

    static DkimSignatureField parse(String value, Instant now) {
        return parse(value, now, false);
    }

    /**
     * An ARC-Message-Signature (RFC 8617 4.1.2): a DKIM-Signature without v= (ignored if present)
     * whose i= is the ARC instance, not an identity; the identity is {@code @d}.
     */
    static DkimSignatureField parseArcMessageSignature(String value, Instant now) {
        return parse(value, now, true);
    }

    private static DkimSignatureField parse(String value, Instant now, boolean arc) {
        DkimTagList tags = DkimTagList.parse(value);
        if (!arc && !"1".equals(tags.require("v"))) {
            throw new DkimPermanentError("unsupported version v=" + tags.get("v"));
        }
        String algorithm = DkimTagList.lower(tags.require("a"));
        byte[] signature = base64(tags.require("b"), "b");
        byte[] bodyHash = base64(tags.require("bh"), "bh");
        String canon = tags.has("c") ? DkimTagList.lower(tags.get("c")) : "simple/simple";
        String[] halves = canon.split("/", -1);
        if (halves.length > 2) {
            throw new DkimPermanentError("invalid c=" + canon);
        }
        String headerCanon = halves[0];
        String bodyCanon = halves.length == 2 ? halves[1] : "simple";
        for (String c : List.of(headerCanon, bodyCanon)) {
            if (!c.equals("simple") && !c.equals("relaxed")) {
                throw new DkimPermanentError("unknown canonicalization " + c);
            }
        }
        String domain = DkimTagList.lower(tags.require("d"));
        if (domain.isEmpty()) {
            throw new DkimPermanentError("empty d=");
        }
        List<String> signed = new ArrayList<>();
        for (String h : DkimTagList.withoutWhiteSpace(tags.require("h")).split(":")) {
            if (!h.isEmpty()) {
                signed.add(h);
            }
        }
        // 6.1.1: the From field MUST be signed.
        if (signed.stream().noneMatch(h -> h.equalsIgnoreCase("from"))) {
            throw new DkimPermanentError("From field not signed");
        }
        String identity = !arc && tags.has("i") ? tags.get("i") : "@" + domain;
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw new DkimPermanentError("invalid i=" + identity);
        }
        String identityDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
        // 6.1.1: the i= domain must be d= or a subdomain of it.
        if (!identityDomain.equals(domain) && !identityDomain.endsWith("." + domain)) {
            throw new DkimPermanentError("i= domain does not match d=");
        }
        long bodyLength = -1;
        if (tags.has("l")) {
            bodyLength = number(tags.get("l"), "l");
        }
        String queryMethods = tags.has("q") ? DkimTagList.lower(DkimTagList.withoutWhiteSpace(tags.get("q"))) : "dns/txt";
        if (!List.of(queryMethods.split(":")).contains("dns/txt")) {
            throw new DkimPermanentError("no supported query method in q=" + queryMethods);
        }
        String selector = tags.require("s");
        if (selector.isEmpty()) {
            throw new DkimPermanentError("empty s=");
        }
        Instant expires = null;
        if (tags.has("x")) {
            expires = Instant.ofEpochSecond(number(tags.get("x"), "x"));
            if (tags.has("t") && expires.isBefore(Instant.ofEpochSecond(number(tags.get("t"), "t")))) {
                throw new DkimPermanentError("x= is before t=");
            }
            // 3.5 x=: verifiers MAY consider an expired signature invalid; this one does.
            if (expires.isBefore(now)) {
                throw new DkimPermanentError("signature expired");
            }
        }
        return new DkimSignatureField(algorithm, signature, bodyHash, headerCanon, bodyCanon, domain,
                List.copyOf(signed), identity, bodyLength, selector, expires);
    }

    /** The first characters of b= as received, for header.b (RFC 6008 2). */
    static String shortSignature(String value) {
        try {
            String b = DkimTagList.withoutWhiteSpace(DkimTagList.parse(value).require("b"));
            return b.length() > 8 ? b.substring(0, 8) : b;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] base64(String value, String tag) {
        try {
            return Base64.getDecoder().decode(DkimTagList.withoutWhiteSpace(value));
        } catch (IllegalArgumentException e) {
            throw new DkimPermanentError("invalid base64 in " + tag + "=");
        }
    }

    private static long number(String value, String tag) {
        String digits = value.strip();
        if (!digits.matches("\\d{1,12}")) {
            throw new DkimPermanentError("invalid " + tag + "=" + value);
        }
        return Long.parseLong(digits);
    }
}
