package org.mailplatform.mda.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request into the admin API only with {@code Authorization: Bearer <token>} carrying the
 * configured token (RFC 6750 §2.1). Without a configured token nothing gets in (503): the API is
 * never open by default.
 *
 * <p>Security notes: both tokens are reduced to SHA-256 digests and compared with
 * {@link MessageDigest#isEqual}, so the time taken tells neither the matching prefix nor the
 * token's length. The presented token is never logged or echoed.
 */
public final class AdminTokenFilter extends OncePerRequestFilter {

    static final String REALM = "mailplatform-admin";

    /** Shorter tokens are accepted but reported: the token is the API's only protection. */
    static final int RECOMMENDED_MIN_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(AdminTokenFilter.class);

    private static final String BEARER = "bearer";

    private final byte[] expectedDigest;

    public AdminTokenFilter(String token) {
        if (token == null || token.isBlank()) {
            this.expectedDigest = null;
            log.warn("mailplatform.admin.token is not set: the admin API refuses every request (503) "
                    + "until a token is configured (MAILPLATFORM_ADMIN_TOKEN)");
        } else {
            this.expectedDigest = digest(token);
            if (token.length() < RECOMMENDED_MIN_LENGTH) {
                log.warn("mailplatform.admin.token is shorter than {} characters; use a long random token",
                        RECOMMENDED_MIN_LENGTH);
            }
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (expectedDigest == null) {
            writeProblem(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The admin API is disabled: no token is configured (mailplatform.admin.token).");
            return;
        }
        Optional<String> presented = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (presented.isEmpty()) {
            // RFC 6750 §3: a request without credentials gets the challenge and no error code.
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
            writeProblem(request, response, HttpStatus.UNAUTHORIZED, "A bearer token is required.");
            return;
        }
        if (!MessageDigest.isEqual(expectedDigest, digest(presented.get()))) {
            // RFC 6750 §3.1: invalid_token for a token that is not accepted.
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
            writeProblem(request, response, HttpStatus.UNAUTHORIZED, "The bearer token is not valid.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The token of an {@code Authorization: Bearer} header; the scheme name is case-insensitive (RFC 9110 §11.1). */
    static Optional<String> bearerToken(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space <= 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String token = value.substring(space + 1).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    // The filter runs before Spring MVC, so it writes its RFC 9457 body itself.
    private static void writeProblem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                                     String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        // RFC 9457 §3.1.1: an absent "type" means about:blank; Spring MVC's problem bodies omit it too.
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JsonMapper.shared().writeValueAsString(problem));
    }
}
