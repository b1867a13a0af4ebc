package org.mailplatform.mta.outbound.https;

import java.util.Locale;
import java.util.Map;

/**
 * A response as received.
 *
 * @param headers field names in lower case, the first value of each
 */
public record HttpsResponse(int status, Map<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The media type of Content-Type without parameters, in lower case; "" when absent. */
    public String mediaType() {
        String type = header("content-type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
