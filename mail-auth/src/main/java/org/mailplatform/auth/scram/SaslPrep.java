package org.mailplatform.auth.scram;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013), the stringprep profile SCRAM applies to passwords (RFC 5802 2.2) so that
 * the same password typed on different systems gives the same salted key. Mapping (RFC 4013 2.1):
 * non-ASCII spaces become U+0020 and characters "commonly mapped to nothing" (RFC 3454 B.1) are
 * removed; normalization is NFKC (2.2); the prohibited characters of 2.3 are refused, and so is any
 * unassigned code point (RFC 3454 7, stored strings); bidirectional rules of RFC 3454 6 are checked.
 * Unicode here is the JDK's version, not RFC 3454's 3.2: NFKC and "unassigned" follow it.
 */
public final class SaslPrep {

    private SaslPrep() {
    }

    /** @throws IllegalArgumentException for a prohibited or unassigned character or a bidi violation */
    public static String prepare(String input) {
        StringBuilder mapped = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> {
            if (nonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!mappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        boolean randAl = false;
        boolean l = false;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            if (prohibited(cp)) {
                throw new IllegalArgumentException("SASLprep: prohibited character U+" + Integer.toHexString(cp).toUpperCase());
            }
            byte dir = Character.getDirectionality(cp);
            randAl |= dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            l |= dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
            i += Character.charCount(cp);
        }
        // RFC 3454 6: a string with RandALCat characters has no LCat ones and begins and ends with RandALCat.
        if (randAl && (l || !isRandAl(normalized.codePointAt(0))
                || !isRandAl(normalized.codePointBefore(normalized.length())))) {
            throw new IllegalArgumentException("SASLprep: mixed bidirectional text");
        }
        return normalized;
    }

    private static boolean isRandAl(int cp) {
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    // RFC 3454 C.1.2.
    private static boolean nonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    // RFC 3454 B.1.
    private static boolean mappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    // RFC 4013 2.3: RFC 3454 C.1.2, C.2.1, C.2.2, C.3 to C.9, and unassigned code points.
    private static boolean prohibited(int cp) {
        if (nonAsciiSpace(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.PRIVATE_USE || type == Character.SURROGATE
                || type == Character.UNASSIGNED) {
            return true;    // C.2.1, C.2.2 (controls), C.3 (private use), C.5 (surrogates), unassigned
        }
        return cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C || cp == 0x200D
                || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F)
                || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC)             // C.2.2, C.6
                || (cp >= 0x1D173 && cp <= 0x1D17A)                            // C.2.2
                || (cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)   // C.4 non-characters
                || cp == 0xFFFD                                                 // C.6
                || (cp >= 0x2FF0 && cp <= 0x2FFB)                              // C.7
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)                              // C.8
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);          // C.9
    }
}
