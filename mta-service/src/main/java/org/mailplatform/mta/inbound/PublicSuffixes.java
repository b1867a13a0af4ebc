package org.mailplatform.mta.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mailplatform.msgauth.dmarc.PublicSuffixList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the configured Public Suffix List once at start, or says loudly that DMARC goes without it. */
final class PublicSuffixes {

    private static final Logger log = LoggerFactory.getLogger(PublicSuffixes.class);

    private PublicSuffixes() {
    }

    static PublicSuffixList load(String file) {
        if (file == null || file.isBlank() || !Files.isReadable(Path.of(file))) {
            log.warn("no Public Suffix List at '{}': DMARC takes the last two labels of a name as its"
                    + " Organizational Domain", file);
            return PublicSuffixList.topLevelOnly();
        }
        try {
            return PublicSuffixList.read(Path.of(file));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the Public Suffix List {}: {}; DMARC takes the last two labels of a name"
                    + " as its Organizational Domain", file, e.toString());
            return PublicSuffixList.topLevelOnly();
        }
    }
}
