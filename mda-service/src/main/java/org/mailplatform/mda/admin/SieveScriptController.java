package org.mailplatform.mda.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.sieve.SieveScript;
import org.mailplatform.store.sieve.SieveScriptRejected;
import org.mailplatform.store.sieve.SieveScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's Sieve scripts, as ManageSieve (RFC 5804) manages them for the user: the same store
 * and the same rules (name, size and count limits, validation), so an operator can set a vacation
 * reply or a filter for a user, or switch a broken one off.
 */
@RestController
@RequestMapping(path = AdminPaths.ACCOUNTS + "/{address}/sieve", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "sieve", description = "Sieve filter scripts of an account (the ones ManageSieve manages)")
public class SieveScriptController {

    private static final Logger log = LoggerFactory.getLogger(SieveScriptController.class);

    private final AccountRepository accounts;
    private final SieveScripts scripts;

    public SieveScriptController(AccountRepository accounts, SieveScripts scripts) {
        this.accounts = accounts;
        this.scripts = scripts;
    }

    @GetMapping("/scripts")
    @Operation(operationId = "listSieveScripts", summary = "List an account's scripts; at most one is active")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "No such account")
    public List<SieveScriptView> list(@PathVariable String address) {
        return scripts.repository().list(account(address).id()).stream().map(SieveScriptView::summary).toList();
    }

    @GetMapping(path = "/scripts/{name}", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    @Operation(operationId = "getSieveScript", summary = "One script with its content",
            description = "JSON (a SieveScriptView) unless the client accepts text/plain and not JSON: then the script itself.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "No such account or script")
    public ResponseEntity<?> get(@PathVariable String address, @PathVariable String name,
                                 @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        SieveScript script = scripts.repository().find(account(address).id(), name)
                .orElseThrow(() -> new NotFoundException("no script named " + name));
        if (TraceController.wantsText(accept)) {
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(script.content());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(SieveScriptView.full(script));
    }

    @PutMapping(path = "/scripts/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putSieveScript", summary = "Store a script, replacing one of the same name (RFC 5804 2.6)")
    @ApiResponse(responseCode = "200", description = "Stored")
    @ApiResponse(responseCode = "400", description = "Not a script name (RFC 5804 1.6)")
    @ApiResponse(responseCode = "404", description = "No such account")
    @ApiResponse(responseCode = "409", description = "The account has as many scripts as it may")
    @ApiResponse(responseCode = "413", description = "The script is over the size limit")
    @ApiResponse(responseCode = "422", description = "The script is not valid Sieve; the detail says why")
    public SieveScriptView put(@PathVariable String address, @PathVariable String name,
                               @Valid @RequestBody SieveScriptRequest request) {
        return store(address, name, request.content());
    }

    @PutMapping(path = "/scripts/{name}", consumes = MediaType.TEXT_PLAIN_VALUE)
    @Operation(operationId = "putSieveScriptText", summary = "Store a script sent as text/plain (UTF-8)")
    @ApiResponse(responseCode = "200", description = "Stored")
    @ApiResponse(responseCode = "400", description = "Not a script name (RFC 5804 1.6)")
    @ApiResponse(responseCode = "404", description = "No such account")
    @ApiResponse(responseCode = "409", description = "The account has as many scripts as it may")
    @ApiResponse(responseCode = "413", description = "The script is over the size limit")
    @ApiResponse(responseCode = "422", description = "The script is not valid Sieve; the detail says why")
    public SieveScriptView putText(@PathVariable String address, @PathVariable String name, @RequestBody byte[] content) {
        return store(address, name, new String(content, StandardCharsets.UTF_8));
    }

    @DeleteMapping("/scripts/{name}")
    @Operation(operationId = "deleteSieveScript", summary = "Delete a script; the active one must be deactivated first")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such account or script")
    @ApiResponse(responseCode = "409", description = "The script is active (RFC 5804 2.10)")
    public ResponseEntity<Void> delete(@PathVariable String address, @PathVariable String name) {
        Account account = account(address);
        scripts.repository().delete(account.id(), name);
        log.info("admin: Sieve script '{}' of {} deleted", name, account.address());
        return ResponseEntity.noContent().build();
    }

    @PutMapping(path = "/active", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "activateSieveScript", summary = "Make one script active, or none (RFC 5804 2.8)")
    @ApiResponse(responseCode = "204", description = "Done")
    @ApiResponse(responseCode = "404", description = "No such account or script")
    public ResponseEntity<Void> activate(@PathVariable String address, @RequestBody ActiveSieveScriptRequest request) {
        Account account = account(address);
        String name = request == null || request.name() == null ? "" : request.name();
        scripts.repository().activate(account.id(), name);
        log.info("admin: Sieve script of {} activated: {}", account.address(), name.isEmpty() ? "none" : "'" + name + "'");
        return ResponseEntity.noContent().build();
    }

    private SieveScriptView store(String address, String name, String content) {
        Account account = account(address);
        try {
            SieveScriptView stored = SieveScriptView.summary(scripts.put(account.id(), name, content));
            log.info("admin: Sieve script '{}' of {} stored ({} octets)", name, account.address(), stored.size());
            return stored;
        } catch (SieveScriptRejected e) {
            throw switch (e.reason()) {
                case INVALID_NAME -> new InvalidInputException("name", e.getMessage());
                default -> e;
            };
        }
    }

    private Account account(String address) {
        return accounts.findByAddress(AdminInput.address("address", address).toString())
                .orElseThrow(() -> new NotFoundException("no account " + address));
    }
}
