package org.mailplatform.msgauth.srs;

import java.time.Instant;
import java.util.Locale;

/**
 * The two-character day stamp of an SRS0 address: days since the epoch modulo 1024, in base32
 * (libsrs2's {@code srs_timestamp_create}: alphabet A-Z2-7, high five bits first). Being modulo
 * 1024 days, a stamp from the "future" is one from the previous cycle.
 */
final class SrsTimestamp {

    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static final int SLOTS = 1024;
    private static final long SECONDS_PER_DAY = 86_400;

    private SrsTimestamp() {
    }

    static String of(Instant now) {
        int day = day(now);
        return "" + ALPHABET.charAt((day >> 5) & 31) + ALPHABET.charAt(day & 31);
    }

    /**
     * Days between the stamp and {@code now} (0 on the day it was made), or -1 when the stamp is
     * not two base32 characters. Read case-insensitively: some MTAs change the case of local parts.
     */
    static int ageInDays(String stamp, Instant now) {
        if (stamp.length() != 2) {
            return -1;
        }
        int then = 0;
        for (char c : stamp.toUpperCase(Locale.ROOT).toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                return -1;
            }
            then = (then << 5) | value;
        }
        int today = day(now);
        return today >= then ? today - then : today + SLOTS - then;
    }

    private static int day(Instant now) {
        return (int) Math.floorMod(Math.floorDiv(now.getEpochSecond(), SECONDS_PER_DAY), (long) SLOTS);
    }
}
