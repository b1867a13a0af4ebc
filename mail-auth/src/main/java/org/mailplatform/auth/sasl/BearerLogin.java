package org.mailplatform.auth.sasl;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Function;

import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.ExternalCredential;
import org.mailplatform.auth.oauth.TokenValidator;
import org.mailplatform.auth.oauth.TokenVerdict;
import org.mailplatform.store.account.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bearer token login through the {@link Authenticator}, so throttling, the failure delay and
 * the metrics are those of passwords. A token for another account than the one the client named
 * is refused like an invalid one (RFC 7628 §3.1: the authzid, when given, is the account to use,
 * and no account may act as another).
 */
final class BearerLogin implements BearerCheck {

    private static final Logger log = LoggerFactory.getLogger(BearerLogin.class);

    private final Authenticator authenticator;
    private final TokenValidator tokens;
    private final InetAddress client;
    private final Function<AuthOutcome, SaslStep> toStep;

    BearerLogin(Authenticator authenticator, TokenValidator tokens, InetAddress client, Function<AuthOutcome, SaslStep> toStep) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.client = client;
        this.toStep = toStep;
    }

    @Override
    public SaslStep check(Optional<String> user, String token, String mechanism) {
        // Failures are counted under the name the client gave, or the one the token claims.
        String name = user.or(() -> TokenValidator.unverifiedAccount(token, tokens.settings().accountClaim())).orElse(null);
        ExternalCredential credential = () -> switch (tokens.validate(token)) {
            case TokenVerdict.Valid v when user.isPresent() && !sameAccount(user.get(), v.account()) -> {
                log.debug("bearer token for {} refused: the client asked for {}", v.account(), user.get());
                yield new ExternalCredential.Rejected();
            }
            case TokenVerdict.Valid v -> new ExternalCredential.Verified(v.account());
            case TokenVerdict.Invalid i -> {
                log.debug("bearer token refused: {}", i.reason());
                yield new ExternalCredential.Rejected();
            }
            case TokenVerdict.Unavailable u -> new ExternalCredential.Unavailable();
        };
        return toStep.apply(authenticator.authenticate(name, credential, client, mechanism));
    }

    @Override
    public Optional<String> scope() {
        return tokens.settings().requiredScope();
    }

    @Override
    public Optional<String> discoveryUri() {
        return Optional.of(tokens.discoveryUri().toString());
    }

    private static boolean sameAccount(String a, String b) {
        Optional<EmailAddress> x = EmailAddress.parse(a);
        Optional<EmailAddress> y = EmailAddress.parse(b);
        if (x.isPresent() && y.isPresent()) {
            return x.get().key().equals(y.get().key());
        }
        return a.equals(b);
    }
}
