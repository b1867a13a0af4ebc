package org.mailplatform.records.codec;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the JSON header of a frame and enforces its "v" rule. */
final class HeaderJson {

    static final String VERSION_FIELD = "v";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // Readers ignore fields added by newer writers of the same "v" (the additive rule).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Two values for one field would let two readers see two different envelopes.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private HeaderJson() {
    }

    static byte[] write(Object header) {
        return MAPPER.writeValueAsBytes(header);
    }

    /**
     * Parses the header and checks its version before binding it, so a newer record is reported
     * as a newer version rather than as whatever its changed fields would break.
     */
    static <T> T read(RecordFrame frame, RecordKind kind, int highestVersion, Class<T> type) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(frame.data(), frame.headerOffset(), frame.headerLength());
        } catch (JacksonException e) {
            throw new RecordFormatException(RecordFormatException.Problem.MALFORMED_HEADER,
                    kind.description() + " header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new RecordFormatException(RecordFormatException.Problem.MALFORMED_HEADER,
                    kind.description() + " header is not a JSON object");
        }
        JsonNode version = tree.get(VERSION_FIELD);
        if (version == null || !version.isInt()) {
            throw new RecordFormatException(RecordFormatException.Problem.MALFORMED_HEADER,
                    kind.description() + " header has no integer \"v\"");
        }
        int v = version.intValue();
        if (v > highestVersion) {
            throw new UnsupportedRecordVersionException(kind.description() + " header", v, highestVersion);
        }
        if (v < 1) {
            throw new RecordFormatException(RecordFormatException.Problem.MALFORMED_HEADER,
                    kind.description() + " header version " + v + " is not valid");
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new RecordFormatException(RecordFormatException.Problem.MALFORMED_HEADER,
                    kind.description() + " header has the wrong shape: " + e.getOriginalMessage(), e);
        }
    }

    /** Turns a rule the header breaks (thrown by the record's constructor) into a format error. */
    static RecordFormatException invalid(RecordKind kind, RuntimeException e) {
        return new RecordFormatException(RecordFormatException.Problem.INVALID_HEADER,
                kind.description() + " header is invalid: " + e.getMessage(), e);
    }
}
