package org.mailplatform.mda.admin;

import java.util.List;

import org.mailplatform.auth.InvalidPasswordException;
import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.LimitExceededException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.OperationNotAllowedException;
import org.mailplatform.store.QuotaExceededException;
import org.mailplatform.store.StoreException;
import org.mailplatform.store.sieve.SieveScriptRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps the admin API's refusals to RFC 9457 problem details: 400 bad syntax, 404 unknown,
 * 409 exists or not allowed in the current state, 413 script too large, 422 password refused by
 * policy or script not valid Sieve, 503 store unreachable, 500 for anything else. Details come
 * from messages written for callers; a stack trace never leaves the server (it is logged).
 */
@RestControllerAdvice(basePackageClasses = AdminApiExceptionHandler.class)
@Order(1)
public class AdminApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminApiExceptionHandler.class);

    @ExceptionHandler
    ProblemDetail invalidInput(InvalidInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        if (e.field() != null) {
            FieldProblem.attach(problem, List.of(new FieldProblem(e.field(), e.getMessage())));
        }
        return problem;
    }

    // RFC 9110 §15.5.21: the request is well-formed, but the server will not take this password.
    @ExceptionHandler
    ProblemDetail passwordRefused(InvalidPasswordException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        FieldProblem.attach(problem, List.of(new FieldProblem("password", e.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail refused(StoreException e) {
        HttpStatus status = switch (e) {
            case NotFoundException n -> HttpStatus.NOT_FOUND;
            case AlreadyExistsException a -> HttpStatus.CONFLICT;
            case OperationNotAllowedException o -> HttpStatus.CONFLICT;
            case QuotaExceededException q -> HttpStatus.CONFLICT;
            case LimitExceededException l -> HttpStatus.CONFLICT;
        };
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    // RFC 9110 15.5.14 for a script over the size limit; 15.5.21 for one that is not valid Sieve.
    @ExceptionHandler
    ProblemDetail scriptRefused(SieveScriptRejected e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID_NAME -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case TOO_MANY -> HttpStatus.CONFLICT;
            case INVALID_SCRIPT -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail storeFault(DataAccessException e) {
        if (e instanceof TransientDataAccessException || e instanceof DataAccessResourceFailureException) {
            log.warn("mail store unavailable: {}", e.getMessage());
            return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The mail store is unavailable; try again later.");
        }
        log.error("mail store fault", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error.");
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("admin API request failed", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error.");
    }
}
