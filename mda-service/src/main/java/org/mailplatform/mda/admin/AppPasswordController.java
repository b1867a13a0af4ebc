package org.mailplatform.mda.admin;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.auth.AppPasswordInfo;
import org.mailplatform.auth.LoginProtocol;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.EmailAddress;
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
 * An account's app passwords: generated secrets for one client each, revocable one by one and
 * optionally limited to some protocols. The secret is in the creation's answer only; the server
 * keeps a hash. A revocation applies to the next login (app passwords are never cached).
 */
@RestController
@RequestMapping(path = AdminPaths.ACCOUNTS + "/{address}/app-passwords", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "app-passwords", description = "Per-client secrets that log in in place of the account password")
public class AppPasswordController {

    private static final Logger log = LoggerFactory.getLogger(AppPasswordController.class);

    private final AccountManager manager;

    public AppPasswordController(AccountManager manager) {
        this.manager = manager;
    }

    @PostMapping
    @Operation(operationId = "createAppPassword", summary = "Generate an app password; its secret is shown this once")
    @ApiResponse(responseCode = "201", description = "Created; the body carries the secret")
    @ApiResponse(responseCode = "400", description = "Invalid name or protocol")
    @ApiResponse(responseCode = "404", description = "No such account")
    @ApiResponse(responseCode = "409", description = "The account has an app password of that name")
    public ResponseEntity<AppPasswordView> create(@PathVariable String address, @Valid @RequestBody AppPasswordRequest request) {
        String account = AdminInput.address("address", address).toString();
        List<LoginProtocol> protocols = new ArrayList<>();
        for (String p : request.protocols() == null ? List.<String>of() : request.protocols()) {
            protocols.add(LoginProtocol.parse(p).orElseThrow(() -> new InvalidInputException("protocols",
                    "unknown protocol " + p + ": use smtp, imap, pop3 or managesieve")));
        }
        AppPasswordInfo created;
        try {
            created = manager.addAppPassword(account, request.name(), protocols);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("name", e.getMessage());
        }
        log.info("admin: app password {} of {} created, protocols {}", created.name(), account, created.protocols());
        return ResponseEntity.created(UriComponentsBuilder.fromPath(AdminPaths.ACCOUNTS)
                        .pathSegment(account, "app-passwords", created.name()).encode().build().toUri())
                .body(AppPasswordView.of(created));
    }

    @GetMapping
    @Operation(operationId = "listAppPasswords", summary = "List an account's app passwords (names, never secrets)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "No such account")
    public List<AppPasswordView> list(@PathVariable String address) {
        return manager.listAppPasswords(AdminInput.address("address", address).toString()).stream()
                .map(AppPasswordView::of)
                .toList();
    }

    @DeleteMapping("/{name}")
    @Operation(operationId = "revokeAppPassword", summary = "Revoke an app password; the next login with it fails")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No such account or app password")
    public ResponseEntity<Void> revoke(@PathVariable String address, @PathVariable String name) {
        EmailAddress account = AdminInput.address("address", address);
        if (!manager.revokeAppPassword(account.toString(), name)) {
            throw new NotFoundException("no app password " + name + " for " + account);
        }
        log.info("admin: app password {} of {} revoked", name, account);
        return ResponseEntity.noContent().build();
    }
}
