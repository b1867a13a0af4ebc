package org.mailplatform.mda.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mailplatform.store.trace.MessageEvent;
import org.mailplatform.store.trace.MessageEventRepository;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Where is message X": the trace events the services wrote for a message, found by its queue id,
 * its Message-ID, or a recipient within a time range. JSON by default; {@code Accept: text/plain}
 * gives the same as lines for a terminal ({@code mailadmin trace}).
 */
@RestController
@RequestMapping(path = AdminPaths.TRACE)
@Tag(name = "trace", description = "What happened to a message: accepted, relayed, deferred, bounced, delivered, dead-lettered")
public class TraceController {

    /** At most this many events in one answer; a busy recipient's week is narrowed with since/until. */
    static final int MAX_EVENTS = 1000;
    private static final Duration DEFAULT_RANGE = Duration.ofDays(1);

    private final MessageEventRepository events;

    public TraceController(MessageEventRepository events) {
        this.events = events;
    }

    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    @Operation(operationId = "traceMessage", summary = "Find a message's events by queue id, Message-ID or recipient",
            description = "JSON (a TraceView) unless the client accepts text/plain and not JSON: then one block of "
                    + "lines per message, one line per event.")
    @ApiResponse(responseCode = "200", description = "The events found, grouped per message; none is an empty list",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TraceView.class)))
    @ApiResponse(responseCode = "400", description = "Not exactly one of queueId, messageId, recipient; or a bad time")
    public ResponseEntity<?> trace(
            @Parameter(description = "The queue id a service gave the message (its 250 reply names it)")
            @RequestParam(required = false) String queueId,
            @Parameter(description = "The Message-ID field's value, with or without angle brackets")
            @RequestParam(required = false) String messageId,
            @Parameter(description = "An envelope recipient address")
            @RequestParam(required = false) String recipient,
            @Parameter(description = "With recipient: events from this instant (ISO 8601; default until minus one day)")
            @RequestParam(required = false) String since,
            @Parameter(description = "With recipient: events before this instant (ISO 8601; default now)")
            @RequestParam(required = false) String until,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        TraceView trace = TraceView.of(find(queueId, messageId, recipient, since, until), MAX_EVENTS);
        if (wantsText(accept)) {
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(TraceText.render(trace));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(trace);
    }

    /** True when the client accepts text/plain and not JSON (curl -H "Accept: text/plain"). */
    static boolean wantsText(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return types.stream().anyMatch(t -> t.isCompatibleWith(MediaType.TEXT_PLAIN) && !t.isWildcardType())
                && types.stream().noneMatch(t -> t.includes(MediaType.APPLICATION_JSON) && !t.isWildcardType());
    }

    private List<MessageEvent> find(String queueId, String messageId, String recipient, String since, String until) {
        long given = Stream.of(queueId, messageId, recipient).filter(v -> v != null && !v.isBlank()).count();
        if (given != 1) {
            throw new InvalidInputException("queueId", "give exactly one of queueId, messageId, recipient");
        }
        if (queueId != null && !queueId.isBlank()) {
            return events.byQueueId(queueId.strip(), MAX_EVENTS);
        }
        if (messageId != null && !messageId.isBlank()) {
            return events.byMessageId(messageId, MAX_EVENTS);
        }
        String address = AdminInput.address("recipient", recipient).toString();
        Instant to = until == null || until.isBlank() ? Instant.now() : instant("until", until);
        Instant from = since == null || since.isBlank() ? to.minus(DEFAULT_RANGE) : instant("since", since);
        if (!from.isBefore(to)) {
            throw new InvalidInputException("since", "since must be before until");
        }
        return events.byRecipient(address, from, to, MAX_EVENTS);
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "not an ISO 8601 instant (e.g. 2026-12-07T10:15:30Z): " + text);
        }
    }
}
