package org.mailplatform.message;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of a {@link ParsedMessage}: JSON with a format version, so the store can tell
 * a document written by an older parser and parse the raw message again instead.
 *
 * <pre>{"version":1,"message":{...}}</pre>
 */
public final class ParsedMessageJson {

    /** The format {@link #toJson} writes; bump it on any change that old readers can't take. */
    public static final int CURRENT_VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            // the records read a missing list back as an empty one, so empty lists need not be written
            .withConfigOverride(List.class, o -> o.setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null)))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record Document(int version, ParsedMessage message) {
    }

    private ParsedMessageJson() {
    }

    public static String toJson(ParsedMessage message) {
        return MAPPER.writeValueAsString(new Document(CURRENT_VERSION, message));
    }

    /**
     * @throws UnsupportedVersionException when the document has another format version
     * @throws IllegalArgumentException    when it is not a parsed message document
     */
    public static ParsedMessage fromJson(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a parsed message document", e);
        }
        int version = versionOf(tree);
        if (version != CURRENT_VERSION) {
            throw new UnsupportedVersionException(version);
        }
        try {
            ParsedMessage message = MAPPER.treeToValue(tree.get("message"), ParsedMessage.class);
            if (message == null) {
                throw new IllegalArgumentException("parsed message document without message");
            }
            return message;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("not a parsed message document", e);
        }
    }

    /** The format version of a stored document, or -1 when it has none. */
    public static int versionOf(String json) {
        try {
            return versionOf(MAPPER.readTree(json));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static int versionOf(JsonNode tree) {
        JsonNode version = tree == null ? null : tree.get("version");
        return version != null && version.isInt() ? version.intValue() : -1;
    }

    /** A stored document of a format this code does not read. */
    public static final class UnsupportedVersionException extends IllegalArgumentException {

        private final int version;

        UnsupportedVersionException(int version) {
            super("unsupported parsed message format version " + version + ", expected " + CURRENT_VERSION);
            this.version = version;
        }

        public int version() {
            return version;
        }
    }
}
