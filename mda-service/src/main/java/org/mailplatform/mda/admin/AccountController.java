package org.mailplatform.mda.admin;

import java.util.List;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.Domain;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.account.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Mail accounts. Passwords go through mail-auth's {@link AccountManager} (policy, then Argon2id);
 * the store and the responses only ever see the hash and nothing of it respectively.
 */
@RestController
@RequestMapping(path = AdminPaths.ACCOUNTS, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "accounts", description = "Mail accounts: one login and one set of mailboxes")
public class AccountController {

    private static final Logger log = LoggerFactory.getLogger(AccountController.class);

    private final AccountManager manager;
    private final AccountRepository accounts;
    private final DomainRepository domains;

    public AccountController(AccountManager manager, AccountRepository accounts, DomainRepository domains) {
        this.manager = manager;
        this.accounts = accounts;
        this.domains = domains;
    }

    @PostMapping
    @Operation(operationId = "createAccount", summary = "Create an account with its default mailboxes")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid fields or not an address")
    @ApiResponse(responseCode = "404", description = "The address's domain is not local")
    @ApiResponse(responseCode = "409", description = "The account exists")
    @ApiResponse(responseCode = "422", description = "The password policy refuses the password")
    public ResponseEntity<AccountView> create(@Valid @RequestBody AccountRequest request) {
        EmailAddress address = AdminInput.address("address", request.address());
        long quota = request.quotaBytes() == null ? Account.UNLIMITED : request.quotaBytes();
        AccountView created = AccountView.of(manager.createAccount(address.toString(), request.password(), quota));
        log.info("admin: account {} created, quota {}", created.address(), created.quotaBytes());
        return ResponseEntity.created(UriComponentsBuilder.fromPath(AdminPaths.ACCOUNTS)
                        .pathSegment(created.address()).encode().build().toUri())
                .body(created);
    }

    @GetMapping
    @Operation(operationId = "listAccounts", summary = "List accounts: all, or one domain's")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "Not a domain name")
    @ApiResponse(responseCode = "404", description = "Not a local domain")
    public List<AccountView> list(@Parameter(description = "Only this domain's accounts")
                                  @RequestParam(required = false) String domain) {
        Stream<String> names = domain == null
                ? domains.list().stream().map(Domain::name)
                : Stream.of(requireDomain(AdminInput.domain("domain", domain)));
        return names.flatMap(name -> accounts.list(name).stream()).map(AccountView::of).toList();
    }

    @GetMapping("/{address}")
    @Operation(operationId = "getAccount", summary = "Show one account")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "Not an address")
    @ApiResponse(responseCode = "404", description = "No such account")
    public AccountView get(@PathVariable String address) {
        return AccountView.of(require(address));
    }

    @PatchMapping("/{address}")
    @Operation(operationId = "updateAccount", summary = "Change password, quota or disabled state",
            description = "Only the fields given change.")
    @ApiResponse(responseCode = "200", description = "Changed")
    @ApiResponse(responseCode = "400", description = "Invalid fields, or none given")
    @ApiResponse(responseCode = "404", description = "No such account")
    @ApiResponse(responseCode = "422", description = "The password policy refuses the password; nothing changed")
    public AccountView update(@PathVariable String address, @Valid @RequestBody AccountChange change) {
        if (change.isEmpty()) {
            throw new InvalidInputException(null, "nothing to change: give password, quotaBytes or disabled");
        }
        String key = require(address).address().toString();
        // The password first: it is the only change the server may refuse, and then nothing has changed.
        if (change.password() != null) {
            manager.setPassword(key, change.password());
        }
        if (change.quotaBytes() != null) {
            manager.setQuota(key, change.quotaBytes());
        }
        if (change.disabled() != null) {
            manager.setDisabled(key, change.disabled());
        }
        log.info("admin: account {} changed: {}", key, change);
        return AccountView.of(require(key));
    }

    @DeleteMapping("/{address}")
    @Operation(operationId = "deleteAccount", summary = "Delete an account with all its mailboxes and messages")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "400", description = "Not an address")
    @ApiResponse(responseCode = "404", description = "No such account")
    public ResponseEntity<Void> delete(@PathVariable String address) {
        EmailAddress parsed = AdminInput.address("address", address);
        if (!manager.deleteAccount(parsed.toString())) {
            throw new NotFoundException("no account " + parsed);
        }
        log.info("admin: account {} deleted", parsed);
        return ResponseEntity.noContent().build();
    }

    private Account require(String address) {
        EmailAddress parsed = AdminInput.address("address", address);
        return accounts.findByAddress(parsed).orElseThrow(() -> new NotFoundException("no account " + parsed));
    }

    private String requireDomain(String domain) {
        if (!domains.isLocal(domain)) {
            throw new NotFoundException("not a local domain: " + domain);
        }
        return domain;
    }
}
