/**
 * The MDA's admin API: JSON over HTTP under {@code /api/v1} for the domains, accounts and aliases
 * the MDA owns.
 *
 * <p>Standards: RFC 9110 (HTTP semantics and status codes), RFC 6750 (bearer tokens: the
 * {@code Authorization: Bearer} header and the {@code WWW-Authenticate} challenge), RFC 9457
 * (problem details: every error is an {@code application/problem+json} body), RFC 5321 / RFC 5890
 * (address and domain syntax, through the mail store's parsers).
 *
 * <p>Security notes: every request under {@code /api/} needs the token from
 * {@code mailplatform.admin.token}, compared in constant time; with no token configured the API
 * answers 503 to everything, so it is never open by default. Passwords are hashed by mail-auth
 * before they reach the store, and no response carries a password or a hash. Error bodies never
 * carry a stack trace. Actuator and the OpenAPI description stay reachable without the token:
 * they describe the service, not the accounts.
 *
 * <p>Configuration: {@code mailplatform.admin.token} (environment {@code MAILPLATFORM_ADMIN_TOKEN},
 * e.g. from a Kubernetes secret). OpenAPI description at {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}.
 */
package org.mailplatform.mda.admin;
