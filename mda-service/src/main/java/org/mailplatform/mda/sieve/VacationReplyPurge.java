package org.mailplatform.mda.sieve;

import java.time.Duration;

import org.mailplatform.store.sieve.SieveScriptRepository;
import org.mailplatform.store.support.PeriodicCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes vacation-reply records whose period is over (RFC 5230 4.2): once expired, a row no
 * longer stops a reply, so keeping it only grows the table.
 */
public final class VacationReplyPurge extends PeriodicCleanup {

    private static final Logger log = LoggerFactory.getLogger(VacationReplyPurge.class);

    private final SieveScriptRepository scripts;

    public VacationReplyPurge(SieveScriptRepository scripts, Duration interval) {
        super("sieve-vacation-purge", "purging expired vacation replies", interval);
        this.scripts = scripts;
    }

    @Override
    protected void cleanUp() {
        int removed = scripts.purgeExpiredVacationReplies();
        if (removed > 0) {
            log.info("removed {} expired vacation reply records", removed);
        }
    }
}
