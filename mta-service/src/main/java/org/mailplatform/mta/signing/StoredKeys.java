package org.mailplatform.mta.signing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.msgauth.dkim.InvalidDkimKeyException;
import org.mailplatform.store.dkim.DkimKeyRepository;
import org.mailplatform.store.dkim.StoredDkimKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The keys of the {@code dkim_keys} table; one that cannot be read is left out and named in the log. */
final class StoredKeys implements Supplier<List<DkimKey>> {

    private static final Logger log = LoggerFactory.getLogger(StoredKeys.class);

    private final DkimKeyRepository repository;

    StoredKeys(DkimKeyRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<DkimKey> get() {
        List<DkimKey> keys = new ArrayList<>();
        for (StoredDkimKey s : repository.listAll()) {
            try {
                keys.add(DkimKey.fromPem(s.domain(), s.selector(), s.privateKeyPem().getBytes(StandardCharsets.US_ASCII),
                        s.signsFrom()));
            } catch (InvalidDkimKeyException e) {
                log.error("DKIM: stored key {} is unusable and does not sign: {}", s, e.getMessage());
            }
        }
        return keys;
    }
}
