package org.mailplatform.auth.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * Fetches the issuer's key set (RFC 7517 §5) from {@code jwks_uri}: the configured one, or the one
 * its OpenID Connect discovery document names (OpenID Connect Discovery 1.0 §4, whose
 * {@code issuer} must equal the configured issuer, §4.3). The document is read when keys are
 * first needed, so a provider that is down when the service starts only delays logins. The
 * caching, refresh and rate limit around this source are the JOSE library's.
 */
final class IssuerKeySetSource implements JWKSetSource<SecurityContext> {

    private final URI issuer;
    private final ResourceRetriever retriever;
    private final boolean allowHttp;
    private final AtomicReference<URLBasedJWKSetSource<SecurityContext>> keySet = new AtomicReference<>();
    private volatile boolean everLoaded;

    IssuerKeySetSource(URI issuer, Optional<URI> jwksUri, ResourceRetriever retriever, boolean allowHttp) {
        this.issuer = issuer;
        this.retriever = retriever;
        this.allowHttp = allowHttp;
        jwksUri.ifPresent(uri -> keySet.set(new URLBasedJWKSetSource<>(url(uri), retriever)));
    }

    /** The discovery document's address: the issuer without a trailing slash, then the well-known path (§4). */
    static URI discoveryUri(URI issuer) {
        String base = issuer.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /** Whether a key set was ever fetched: a refusal by the rate limit then means "no such key". */
    boolean everLoaded() {
        return everLoaded;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        URLBasedJWKSetSource<SecurityContext> source = keySet.get();
        if (source == null) {
            source = new URLBasedJWKSetSource<>(discover(), retriever);
            keySet.compareAndSet(null, source);
        }
        JWKSet set = source.getJWKSet(refreshEvaluator, currentTime, context);
        everLoaded = true;
        return set;
    }

    private URL discover() throws KeySourceException {
        URI location = discoveryUri(issuer);
        Map<String, Object> document;
        try {
            Resource resource = retriever.retrieveResource(url(location));
            document = JSONObjectUtils.parse(resource.getContent());
        } catch (IOException | ParseException | IllegalArgumentException e) {
            throw new JWKSetRetrievalException("cannot read " + location + ": " + e.getMessage(), e);
        }
        Object published = document.get("issuer");
        if (!issuer.toString().equals(published)) {
            throw new JWKSetRetrievalException("the discovery document at " + location + " names issuer " + published, null);
        }
        Object jwks = document.get("jwks_uri");
        if (!(jwks instanceof String text)) {
            throw new JWKSetRetrievalException("the discovery document at " + location + " has no jwks_uri", null);
        }
        try {
            return url(URI.create(text));
        } catch (IllegalArgumentException e) {
            throw new JWKSetRetrievalException("unusable jwks_uri " + text + ": " + e.getMessage(), e);
        }
    }

    /** https only (RFC 8414 §2, OpenID Connect Discovery §3), unless plain http was allowed for development. */
    private URL url(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new IllegalArgumentException("not an https address: " + uri);
        }
        try {
            return uri.toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a usable address: " + uri, e);
        }
    }

    @Override
    public void close() throws IOException {
        URLBasedJWKSetSource<SecurityContext> source = keySet.get();
        if (source != null) {
            source.close();
        }
    }
}
