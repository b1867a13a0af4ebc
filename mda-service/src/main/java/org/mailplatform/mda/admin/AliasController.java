package org.mailplatform.mda.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.springframework.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Aliases of local domains: one row per source → target pair; the source {@code @domain} is the
 * domain's catch-all.
 */
@RestController
@RequestMapping(path = AdminPaths.ALIASES, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "aliases", description = "Forwarding of local addresses; @domain is the catch-all")
public class AliasController {

    private static final Logger log = LoggerFactory.getLogger(AliasController.class);

    private final AliasRepository aliases;
    private final DomainRepository domains;

    public AliasController(AliasRepository aliases, DomainRepository domains) {
        this.aliases = aliases;
        this.domains = domains;
    }

    @PostMapping
    @Operation(operationId = "addAlias", summary = "Add source → target")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid fields, or bad source or target syntax")
    @ApiResponse(responseCode = "404", description = "The source's domain is not local")
    @ApiResponse(responseCode = "409", description = "The pair exists")
    public ResponseEntity<AliasView> add(@Valid @RequestBody AliasRequest request) {
        String source = AdminInput.aliasSource("source", request.source());
        String target = AdminInput.address("target", request.target()).toString();
        AliasView added = AliasView.of(aliases.add(source, target));
        log.info("admin: alias {} -> {} added", added.source(), added.target());
        return ResponseEntity.status(HttpStatus.CREATED).body(added);
    }

    @GetMapping
    @Operation(operationId = "listAliases", summary = "List a domain's aliases, catch-all first")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "Not a domain name")
    @ApiResponse(responseCode = "404", description = "Not a local domain")
    public List<AliasView> list(@Parameter(description = "The domain", required = true) @RequestParam String domain) {
        String name = AdminInput.domain("domain", domain);
        if (!domains.isLocal(name)) {
            throw new NotFoundException("not a local domain: " + name);
        }
        return aliases.list(name).stream().map(AliasView::of).toList();
    }

    @DeleteMapping
    @Operation(operationId = "removeAlias", summary = "Remove one source → target pair")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "400", description = "Bad source or target syntax")
    @ApiResponse(responseCode = "404", description = "No such pair")
    public ResponseEntity<Void> remove(@Parameter(description = "local@domain or @domain", required = true)
                                       @RequestParam String source,
                                       @Parameter(description = "The target address", required = true)
                                       @RequestParam String target) {
        String from = AdminInput.aliasSource("source", source);
        String to = AdminInput.address("target", target).toString();
        if (!aliases.remove(from, to)) {
            throw new NotFoundException("no alias " + from + " -> " + to);
        }
        log.info("admin: alias {} -> {} removed", from, to);
        return ResponseEntity.noContent().build();
    }
}
