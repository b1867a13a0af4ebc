package org.mailplatform.mda.admin;

import java.util.List;

import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * One entry of a problem's {@code errors} member: which request field is wrong and why. RFC 9457
 * §3.2 lets a problem type carry extension members; this is the one the admin API adds.
 */
record FieldProblem(String field, String message) {

    static final String MEMBER = "errors";

    static List<FieldProblem> of(BindingResult result) {
        return result.getAllErrors().stream()
                .map(error -> new FieldProblem(
                        error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName(),
                        error.getDefaultMessage()))
                .toList();
    }

    static void attach(ProblemDetail problem, List<FieldProblem> problems) {
        problem.setProperty(MEMBER, problems);
    }
}
