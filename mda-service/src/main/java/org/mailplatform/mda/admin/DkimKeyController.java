package org.mailplatform.mda.admin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.mailplatform.msgauth.dkim.DkimAlgorithm;
import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.msgauth.dkim.InvalidDkimKeyException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.dkim.DkimKeyRepository;
import org.mailplatform.store.dkim.StoredDkimKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A domain's DKIM signing keys: generated here, stored in the database, picked up by the MTA
 * within its refresh interval. The answer says which TXT record to publish. Rotation: add a key
 * under a new selector (with {@code signsFrom} after the record has spread), remove the old one
 * once mail signed with it has been delivered.
 */
@RestController
@RequestMapping(path = AdminPaths.DOMAINS + "/{name}/dkim", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "dkim", description = "DKIM signing keys of a local domain")
public class DkimKeyController {

    private static final Logger log = LoggerFactory.getLogger(DkimKeyController.class);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

    private final DomainRepository domains;
    private final DkimKeyRepository keys;
    private final Clock clock = Clock.systemUTC();

    public DkimKeyController(DomainRepository domains, DkimKeyRepository keys) {
        this.domains = domains;
        this.keys = keys;
    }

    @PostMapping
    @Operation(operationId = "createDkimKey", summary = "Generate a signing key; the answer holds the DNS record to publish")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Bad domain, algorithm or selector")
    @ApiResponse(responseCode = "404", description = "Not a local domain")
    @ApiResponse(responseCode = "409", description = "The domain has a key under this selector")
    public ResponseEntity<DkimKeyView> create(@PathVariable String name, @Valid @RequestBody(required = false) DkimKeyRequest request) {
        String domain = localDomain(name);
        DkimKeyRequest r = request == null ? new DkimKeyRequest(null, null, null) : request;
        DkimAlgorithm algorithm = r.algorithm() == null ? DkimAlgorithm.RSA_SHA256 : DkimAlgorithm.parse(r.algorithm())
                .orElseThrow(() -> new InvalidInputException("algorithm", "rsa-sha256 or ed25519-sha256"));
        Instant now = clock.instant();
        String selector = r.selector() != null ? r.selector()
                : MONTH.format(now) + (algorithm == DkimAlgorithm.RSA_SHA256 ? "r" : "e");
        DkimKey key;
        try {
            key = DkimKey.generate(domain, selector, algorithm, now);
        } catch (InvalidDkimKeyException e) {
            throw new InvalidInputException("selector", e.getMessage());
        }
        StoredDkimKey stored = keys.add(domain, key.selector(), algorithm.tag(), key.privateKeyPem(),
                r.signsFrom() == null ? now : r.signsFrom());
        log.info("admin: DKIM key {} ({}) added, signs from {}", key.dnsName(), algorithm.tag(), stored.signsFrom());
        return ResponseEntity.created(UriComponentsBuilder.fromPath(AdminPaths.DOMAINS)
                        .pathSegment(domain, "dkim", key.selector()).build().toUri())
                .body(DkimKeyView.of(stored, key));
    }

    @GetMapping
    @Operation(operationId = "listDkimKeys", summary = "List a domain's keys with their DNS records")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "Not a local domain")
    public List<DkimKeyView> list(@PathVariable String name) {
        return keys.list(localDomain(name)).stream()
                .map(s -> DkimKeyView.of(s, DkimKey.fromPem(s.domain(), s.selector(),
                        s.privateKeyPem().getBytes(StandardCharsets.US_ASCII), s.signsFrom())))
                .toList();
    }

    @DeleteMapping("/{selector}")
    @Operation(operationId = "deleteDkimKey", summary = "Remove a key: mail is no longer signed with it")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "No such domain or key")
    public ResponseEntity<Void> delete(@PathVariable String name, @PathVariable String selector) {
        String domain = localDomain(name);
        if (!keys.delete(domain, selector.toLowerCase(java.util.Locale.ROOT))) {
            throw new NotFoundException("domain " + domain + " has no DKIM key " + selector);
        }
        log.info("admin: DKIM key {}._domainkey.{} removed", selector, domain);
        return ResponseEntity.noContent().build();
    }

    private String localDomain(String name) {
        String domain = AdminInput.domain("name", name);
        if (!domains.isLocal(domain)) {
            throw new NotFoundException("not a local domain: " + domain);
        }
        return domain;
    }
}
