package org.mailplatform.mda.admin;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for Spring MVC's own errors (unreadable JSON, validation, unknown path,
 * method not allowed, ...), for every request the service serves, as Boot's
 * {@code spring.mvc.problemdetails.enabled} would do, plus the list of invalid fields on a
 * validation failure. It comes before {@link AdminApiExceptionHandler}, whose last resort would
 * otherwise take these exceptions.
 */
@RestControllerAdvice
@Order(0)
public class MvcProblemHandler extends ResponseEntityExceptionHandler {

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        problem.setDetail("The request has invalid fields.");
        FieldProblem.attach(problem, FieldProblem.of(ex.getBindingResult()));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }
}
