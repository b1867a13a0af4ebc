package org.mailplatform.mda.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.DomainRepository;
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

/** The local domains: mail for them is delivered here. */
@RestController
@RequestMapping(path = AdminPaths.DOMAINS, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "domains", description = "Local domains")
public class DomainController {

    private static final Logger log = LoggerFactory.getLogger(DomainController.class);

    private final DomainRepository domains;

    public DomainController(DomainRepository domains) {
        this.domains = domains;
    }

    @PostMapping
    @Operation(operationId = "createDomain", summary = "Add a local domain")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Not a domain name")
    @ApiResponse(responseCode = "409", description = "The domain exists")
    public ResponseEntity<DomainView> create(@Valid @RequestBody DomainRequest request) {
        String name = AdminInput.domain("name", request.name());
        DomainView created = DomainView.of(domains.create(name));
        log.info("admin: domain {} added", created.name());
        return ResponseEntity.created(UriComponentsBuilder.fromPath(AdminPaths.DOMAINS)
                        .pathSegment(created.name()).build().toUri())
                .body(created);
    }

    @GetMapping
    @Operation(operationId = "listDomains", summary = "List the local domains")
    public List<DomainView> list() {
        return domains.list().stream().map(DomainView::of).toList();
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getDomain", summary = "Show one domain")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "Not a domain name")
    @ApiResponse(responseCode = "404", description = "Not a local domain")
    public DomainView get(@PathVariable String name) {
        String domain = AdminInput.domain("name", name);
        return domains.find(domain).map(DomainView::of)
                .orElseThrow(() -> new NotFoundException("not a local domain: " + domain));
    }

    @DeleteMapping("/{name}")
    @Operation(operationId = "deleteDomain", summary = "Remove a domain and its aliases")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "400", description = "Not a domain name")
    @ApiResponse(responseCode = "404", description = "Not a local domain")
    @ApiResponse(responseCode = "409", description = "Accounts remain in the domain: delete them first")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        String domain = AdminInput.domain("name", name);
        if (!domains.delete(domain)) {
            throw new NotFoundException("not a local domain: " + domain);
        }
        log.info("admin: domain {} removed", domain);
        return ResponseEntity.noContent().build();
    }
}
