package org.mailplatform.msgauth.dkim;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing keys from a directory laid out like a mounted Kubernetes secret: one PEM private key
 * per file, named after the DNS name its public key is published under plus {@code .key}, e.g.
 * {@code 202612r._domainkey.example.org.key} (selector {@code 202612r}, domain {@code example.org}).
 * The algorithm follows from the key. Kubernetes' own entries ({@code ..data}, dot files) and other
 * files are ignored. A key file anyone may write to is refused; one anyone may read is used, with
 * a warning (a secret volume's default mode is 0644; 0400 is better).
 */
public final class DkimKeyDirectory {

    public static final String SUFFIX = ".key";
    private static final String DOMAINKEY = "._domainkey.";
    private static final Logger log = LoggerFactory.getLogger(DkimKeyDirectory.class);

    private DkimKeyDirectory() {
    }

    /** The file name a key is stored under. */
    public static String fileName(String domain, String selector) {
        return DkimKey.requireSelector(selector) + DOMAINKEY + DkimKey.requireDomain(domain) + SUFFIX;
    }

    /**
     * @throws InvalidDkimKeyException when the directory or one of its key files cannot be used;
     *                                 the message names the file, never its content
     */
    public static List<DkimKey> read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidDkimKeyException("the DKIM key directory " + directory + " does not exist");
        }
        List<DkimKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !name.endsWith(SUFFIX) || !Files.isRegularFile(file)) {
                    continue;
                }
                keys.add(readKey(file, name));
            }
        } catch (IOException e) {
            throw new InvalidDkimKeyException("cannot list the DKIM key directory " + directory + ": " + e.getMessage(), e);
        }
        return keys;
    }

    private static DkimKey readKey(Path file, String name) throws IOException {
        String dnsName = name.substring(0, name.length() - SUFFIX.length());
        int at = dnsName.indexOf(DOMAINKEY);
        if (at <= 0) {
            throw new InvalidDkimKeyException("DKIM key file " + file + " is not named <selector>._domainkey.<domain>.key");
        }
        checkPermissions(file);
        try {
            return DkimKey.fromPem(dnsName.substring(at + DOMAINKEY.length()), dnsName.substring(0, at),
                    Files.readAllBytes(file), Files.getLastModifiedTime(file).toInstant());
        } catch (InvalidDkimKeyException e) {
            throw new InvalidDkimKeyException("DKIM key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkPermissions(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (permissions.contains(PosixFilePermission.OTHERS_WRITE) || permissions.contains(PosixFilePermission.GROUP_WRITE)) {
            throw new InvalidDkimKeyException("DKIM key file " + file + " may be written by others: refused (chmod 0400)");
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            log.warn("DKIM key file {} may be read by any user: give it mode 0400 (Kubernetes: defaultMode 0400)", file);
        }
    }
}
