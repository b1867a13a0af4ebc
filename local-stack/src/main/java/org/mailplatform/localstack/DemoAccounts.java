package org.mailplatform.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.mailplatform.auth.AccountManager;
import org.mailplatform.auth.LoginThrottle;
import org.mailplatform.auth.PasswordHasher;
import org.mailplatform.auth.PasswordPolicy;
import org.mailplatform.auth.scram.ScramSha256;
import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.MailStore;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.auth.LoginSecretRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo domain {@value #DOMAIN} and its accounts, so a mail client can be pointed at the stack
 * right away. Passwords are random, made at the first start and kept in the data directory; every
 * start sets them again, so the printed ones always work, also against an existing database.
 */
public final class DemoAccounts {

    public static final String DOMAIN = "example.test";
    public static final List<String> ADDRESSES = List.of("alice@" + DOMAIN, "bob@" + DOMAIN);
    static final String PASSWORDS_FILE = "demo-accounts.properties";

    // Unambiguous when read off a terminal: no 0/O, 1/l/I.
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Argon2id at the OWASP baseline (RFC 9106 §4): 19 MiB, 2 passes, 1 lane. */
    private static final int ARGON2_MEMORY_KIB = 19_456;
    private static final int ARGON2_ITERATIONS = 2;
    private static final int MIN_PASSWORD_LENGTH = 8;

    private DemoAccounts() {
    }

    /** Creates what is missing and (re)sets the passwords; returns address → password in a stable order. */
    static Credentials ensure(DataSource dataSource, Path dataDir) {
        Map<String, String> passwords = loadOrCreatePasswords(dataDir.resolve(PASSWORDS_FILE));
        MailStore store = MailStore.create(dataSource);
        ensureDomain(store.domains());
        // With the login secrets: the demo accounts get SCRAM-SHA-256 verifiers too.
        AccountManager accounts = new AccountManager(store.accounts(), new LoginSecretRepository(JdbcClient.create(dataSource)),
                new PasswordHasher(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, 1),
                new PasswordPolicy(MIN_PASSWORD_LENGTH),
                new LoginThrottle(LoginThrottle.Limits.defaults(), Clock.systemUTC()), ScramSha256.MIN_ITERATIONS);
        passwords.forEach((address, password) -> {
            if (store.accounts().findByAddress(address).isPresent()) {
                accounts.setPassword(address, password);
            } else {
                try {
                    accounts.createAccount(address, password, Account.UNLIMITED);
                } catch (AlreadyExistsException e) {
                    // Another stack on the same database created it a moment ago.
                    accounts.setPassword(address, password);
                }
            }
        });
        return new Credentials(passwords);
    }

    private static void ensureDomain(DomainRepository domains) {
        if (domains.find(DOMAIN).isEmpty()) {
            try {
                domains.create(DOMAIN);
            } catch (AlreadyExistsException e) {
                // Created concurrently: what was wanted.
            }
        }
    }

    private static Map<String, String> loadOrCreatePasswords(Path file) {
        Properties stored = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    stored.load(in);
                }
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            boolean changed = false;
            for (String address : ADDRESSES) {
                String password = stored.getProperty(address);
                if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
                    password = randomPassword();
                    stored.setProperty(address, password);
                    changed = true;
                }
                passwords.put(address, password);
            }
            if (changed) {
                write(file, stored);
            }
            return passwords;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo passwords in " + file, e);
        }
    }

    private static void write(Path file, Properties passwords) throws IOException {
        StringWriter text = new StringWriter();
        passwords.store(text, "Passwords of the local stack's demo accounts (development only)");
        PrivateFiles.write(file, text.toString());
    }

    /** Three groups of four, e.g. {@code k7qm-x2pd-9fzt}: 60 random bits, easy to type. */
    static String randomPassword() {
        StringBuilder b = new StringBuilder(14);
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** The demo accounts' addresses and passwords. */
    public record Credentials(Map<String, String> passwords) {
        public Credentials {
            passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
        }
    }
}
