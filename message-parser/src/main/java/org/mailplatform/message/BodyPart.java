package org.mailplatform.message;

import java.util.List;
import java.util.Objects;

/**
 * One entity of the MIME tree: the data of an IMAP BODYSTRUCTURE element (RFC 3501 7.4.2,
 * RFC 9051 7.5.2) plus where it lies in the raw message.
 *
 * <p>Strings are as in the header, unfolded; type, subtype, parameter names, transfer encoding
 * and disposition type are lowercased. Null stands for NIL.
 *
 * @param type        media type, "text" by default (RFC 2045 5.2)
 * @param subtype     media subtype, "plain" by default
 * @param parameters  Content-Type parameters; text/* always carries a charset ("us-ascii" when
 *                    none is given, RFC 2046 4.1.2); a multipart carries its boundary
 * @param id          Content-ID
 * @param description Content-Description, raw
 * @param encoding    Content-Transfer-Encoding, "7bit" by default (RFC 2045 6.1)
 * @param size        octets of the body as transferred ({@code bodyEnd - bodyStart})
 * @param lines       text lines of the body; BODYSTRUCTURE sends it for text/* and message/rfc822
 * @param md5         Content-MD5 (RFC 1864)
 * @param disposition Content-Disposition (RFC 2183)
 * @param language    Content-Language tags (RFC 3282)
 * @param location    Content-Location (RFC 2557)
 * @param parts       the body parts of a multipart, in order; empty otherwise
 * @param message     the embedded message of a message/rfc822 part; null otherwise
 * @param headerStart offset of the first byte of this entity's header (its MIME header)
 * @param bodyStart   offset of the first byte of its body (after the empty line)
 * @param bodyEnd     offset just past its body; the CRLF before a boundary delimiter belongs to
 *                    the delimiter (RFC 2046 5.1.1), not to the body
 */
public record BodyPart(
        String type,
        String subtype,
        List<Parameter> parameters,
        String id,
        String description,
        String encoding,
        long size,
        long lines,
        String md5,
        Disposition disposition,
        List<String> language,
        String location,
        List<BodyPart> parts,
        EmbeddedMessage message,
        long headerStart,
        long bodyStart,
        long bodyEnd) {

    public BodyPart {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(encoding, "encoding");
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        language = language == null ? List.of() : List.copyOf(language);
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** "type/subtype". */
    public String mimeType() {
        return type + "/" + subtype;
    }

    /** True for a multipart: BODYSTRUCTURE renders it as body-type-mpart. */
    public boolean multipart() {
        return !parts.isEmpty();
    }

    /** True for a message/rfc822 part: BODYSTRUCTURE renders it as body-type-msg. */
    public boolean embedsMessage() {
        return message != null;
    }

    /** The Content-Type parameter with that name (case-insensitive), as stored; null when absent. */
    public String parameter(String name) {
        return Rfc2231.find(parameters, name);
    }

    /**
     * The file name of the part, decoded (RFC 2231 and, as many mailers do it, RFC 2047): from
     * the disposition's filename, else Content-Type's name; null when there is none.
     */
    public String filename() {
        String name = disposition == null ? null : Rfc2231.decoded(disposition.parameters(), "filename");
        if (name == null || name.isBlank()) {
            name = Rfc2231.decoded(parameters, "name");
        }
        return name == null || name.isBlank() ? null : name;
    }
}
