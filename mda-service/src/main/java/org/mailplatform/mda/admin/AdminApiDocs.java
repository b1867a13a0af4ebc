package org.mailplatform.mda.admin;

import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description springdoc serves at {@code /v3/api-docs}: the bearer scheme every
 * operation requires, and the RFC 9457 problem body of every error response.
 */
@Configuration(proxyBeanMethods = false)
public class AdminApiDocs {

    static final String SECURITY_SCHEME = "bearerToken";
    static final String PROBLEM_SCHEMA = "Problem";

    @Bean
    OpenAPI adminOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Mail platform admin API")
                        .version("v1")
                        .description("Domains, accounts, aliases and DKIM keys of the mail platform, and the trace of "
                                + "its messages. Every request needs "
                                + "'Authorization: Bearer <token>'; errors are RFC 9457 problem details "
                                + "(application/problem+json), with an 'errors' list of {field, message} "
                                + "when request fields are invalid."))
                .components(new Components()
                        .addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("The token configured as mailplatform.admin.token (RFC 6750)")))
                .addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
    }

    /**
     * Every operation may answer 401 and 503, and every error answer is a problem body. Added here
     * rather than to the bean above because springdoc replaces the schemas it is given.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(AdminApiDocs::documentErrors));
        };
    }

    private static void documentErrors(Operation operation) {
        ApiResponses responses = operation.getResponses();
        responses.addApiResponse("401",
                new ApiResponse().description("Missing or wrong bearer token (WWW-Authenticate: Bearer)"));
        responses.addApiResponse("503",
                new ApiResponse().description("No admin token configured, or the mail store is unreachable"));
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType(
                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
            }
        });
    }

    // RFC 9457 §3.1 members, and the API's one extension member.
    private static Schema<?> problemSchema() {
        Schema<?> fieldError = typed("object")
                .addProperty("field", typed("string"))
                .addProperty("message", typed("string"));
        return typed("object")
                .description("RFC 9457 problem details")
                .addProperty("type", typed("string").format("uri"))
                .addProperty("title", typed("string"))
                .addProperty("status", typed("integer"))
                .addProperty("detail", typed("string"))
                .addProperty("instance", typed("string").format("uri"))
                .addProperty(FieldProblem.MEMBER, typed("array").items(fieldError));
    }

    // OpenAPI 3.0 reads "type", 3.1 (JSON Schema) "types": set both, whichever springdoc writes.
    private static Schema<Object> typed(String type) {
        return new Schema<>().type(type).types(Set.of(type));
    }
}
