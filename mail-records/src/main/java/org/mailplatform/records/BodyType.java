package org.mailplatform.records;

/** The BODY parameter of MAIL FROM: RFC 6152 (8BITMIME), RFC 3030 (BINARYMIME); 7BIT when absent. */
public enum BodyType {
    SEVEN_BIT("7BIT"),
    EIGHT_BIT_MIME("8BITMIME"),
    BINARY_MIME("BINARYMIME");

    private final String keyword;

    BodyType(String keyword) {
        this.keyword = keyword;
    }

    /** The keyword as written in SMTP and in the record envelope. */
    public String keyword() {
        return keyword;
    }

    public static BodyType fromKeyword(String keyword) {
        for (BodyType type : values()) {
            if (type.keyword.equalsIgnoreCase(keyword)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown body type " + keyword);
    }
}
