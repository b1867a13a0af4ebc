package org.mailplatform.msgauth.results;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.mailplatform.msgauth.arc.ArcResult;
import org.mailplatform.msgauth.dkim.DkimResult;
import org.mailplatform.msgauth.dmarc.DmarcResult;
import org.mailplatform.msgauth.spf.SpfResult;

/**
 * One {@code Authentication-Results} header field (RFC 8601 2.2): this server's authserv-id and a
 * resinfo per check, each on its own folded line; {@code none} when nothing was checked.
 */
public final class AuthenticationResults {

    public static final String FIELD_NAME = "Authentication-Results";

    private final String authservId;
    private final List<String> results = new ArrayList<>();

    public AuthenticationResults(String authservId) {
        this.authservId = authservId;
    }

    /** RFC 8601 2.7.2: {@code spf=<result> smtp.mailfrom=<domain>} (or smtp.helo). */
    public AuthenticationResults spf(SpfResult spf) {
        results.add("spf=" + spf.outcome().keyword() + " " + spf.property() + "=" + value(spf.domain()));
        return this;
    }

    /** RFC 8601 2.7.1 and RFC 6008: one dkim resinfo per signature, {@code dkim=none} when unsigned. */
    public AuthenticationResults dkim(List<DkimResult> dkim) {
        if (dkim.isEmpty()) {
            results.add("dkim=none");
            return this;
        }
        for (DkimResult r : dkim) {
            StringBuilder s = new StringBuilder("dkim=").append(r.outcome().keyword());
            if (r.reason() != null) {
                s.append(" reason=").append(quoted(r.reason()));
            }
            if (r.domain() != null) {
                s.append(" header.d=").append(value(r.domain()));
            }
            if (r.identity() != null) {
                s.append(" header.i=").append(value(r.identity()));
            }
            if (r.selector() != null) {
                s.append(" header.s=").append(value(r.selector()));
            }
            if (r.algorithm() != null) {
                s.append(" header.a=").append(value(r.algorithm()));
            }
            if (r.signature() != null) {
                s.append(" header.b=").append(value(r.signature()));
            }
            results.add(s.toString());
        }
        return this;
    }

    /** RFC 7489 11.2: {@code dmarc=<result> header.from=<domain>}, the policy in a comment. */
    public AuthenticationResults dmarc(DmarcResult dmarc) {
        StringBuilder s = new StringBuilder("dmarc=").append(dmarc.outcome().keyword());
        if (dmarc.reason() != null) {
            s.append(" (").append(comment(dmarc.reason())).append(')');
        }
        if (dmarc.fromDomain() != null) {
            s.append(" header.from=").append(value(dmarc.fromDomain()));
        }
        results.add(s.toString());
        return this;
    }

    /**
     * RFC 8617 10.1 (the {@code arc} method of the RFC 8601 registry): {@code arc=none|pass|fail};
     * how many sets and who sealed them, or why the chain failed, in a comment.
     */
    public AuthenticationResults arc(ArcResult arc) {
        StringBuilder s = new StringBuilder("arc=").append(arc.outcome().keyword());
        if (arc.reason() != null) {
            s.append(" (").append(comment(arc.reason())).append(')');
        } else if (!arc.sealers().isEmpty()) {
            s.append(" (i=").append(arc.instances()).append(" sealed by ")
                    .append(comment(String.join(", ", arc.sealers()))).append(')');
        }
        results.add(s.toString());
        return this;
    }

    /** The whole field, folded after each resinfo, ending with CRLF. */
    public String field() {
        StringBuilder s = new StringBuilder(FIELD_NAME).append(": ").append(value(authservId));
        if (results.isEmpty()) {
            return s.append("; none\r\n").toString();
        }
        for (String r : results) {
            s.append(";\r\n\t").append(r);
        }
        return s.append("\r\n").toString();
    }

    public byte[] fieldBytes() {
        return field().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 8601 2.2 pvalue: a token or a domain/address as is; anything else as a quoted-string. */
    private static String value(String v) {
        if (v.matches("[A-Za-z0-9!#$%&'*+\\-.^_`{|}~@/]+|[^\\x00-\\x20\"()<>,;:\\\\\\[\\]=]+")) {
            return v;
        }
        return quoted(v);
    }

    private static String quoted(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\');
            }
            s.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return s.append('"').toString();
    }

    private static String comment(String v) {
        StringBuilder s = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                s.append('\\');
            }
            s.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return s.toString();
    }
}
