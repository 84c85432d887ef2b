package dev.switchboard.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an RFC 9457 problem response. Bad input is a 4xx that names each bad
 * field; an unreachable dependency is a 503 with {@code Retry-After}; nothing escapes as a bare 500.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    public static final String TYPE_PREFIX = "urn:switchboard:problem:";
    /** A field a request body does not have (docs/api.md lists each request's). */
    public static final String UNKNOWN_FIELD = "is not a field of this request";
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    /** How Tomcat names the parameter it could not decode: "... Parameter [name] with value [...] ...". */
    private static final Pattern PARAMETER_NAME = Pattern.compile("Parameter \\[([^\\]]{1,100})\\]");

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return ResponseEntity.badRequest().body(invalidRequest(e.problems()));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large", e.getMessage());
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
        return withRetryAfter(problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", e.getMessage()),
                e.retryAfter());
    }

    @ExceptionHandler(ServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException e) {
        log.debug("answering 503: {}", e.getMessage()); // the cause is logged once where it happened
        return withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", e.getMessage()),
                e.retryAfter());
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> storeFailed(DataAccessException e) {
        log.error("database access failed", e);
        return withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                "the database cannot answer now; try again shortly"), Duration.ofSeconds(5));
    }

    /**
     * A query or form parameter Tomcat cannot decode ({@code ?cursor=%%%}, bytes that are not UTF-8): the
     * container reads every parameter at the first that is asked for, so the one it names is the bad one.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException e) {
        Matcher named = PARAMETER_NAME.matcher(String.valueOf(e.getMessage()));
        String field = named.find() && !named.group(1).isBlank() ? named.group(1) : "query";
        return invalidField(field, "could not be decoded: use percent-encoding (%XX) of UTF-8 bytes");
    }

    /**
     * A body sent as {@code multipart/form-data} that is not one (no boundary, or parts that do not end):
     * the client's mistake. A multipart body over the size limit is the more specific
     * {@code MaxUploadSizeExceededException}, which stays a 413.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
        log.debug("malformed multipart body: {}", e.toString());
        return problem(HttpStatus.BAD_REQUEST, "malformed-multipart", "Malformed multipart body",
                "the body is declared multipart/form-data but could not be read as one (its boundary and parts)");
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("unexpected failure", e);
        return internalError();
    }

    /** 500, saying no more than that the failure is logged (its cause is for the operator, not the client). */
    public static ResponseEntity<ProblemDetail> internalError() {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the server failed to answer; the failure is logged");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return asObject(tooLarge(tooLarge));
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return asObject(invalidField(JsonPaths.of(unknown.getPath()), UNKNOWN_FIELD));
            }
            if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
                return asObject(invalidField(JsonPaths.of(bind.getPath()), "has the wrong type or shape"));
            }
            if (cause instanceof StreamConstraintsException limit) { // valid JSON, past what a body may hold
                return asObject(problem(HttpStatus.BAD_REQUEST, "malformed-json", "JSON past its limits",
                        "the request body is past a limit of the JSON read here: " + limitOf(limit)));
            }
            if (cause instanceof JacksonException json) {
                return asObject(problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", describe(json)));
            }
        }
        return asObject(problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request body",
                "the request body is missing or is not valid JSON"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return asObject(ResponseEntity.badRequest().body(invalidRequest(RequestChecks.problems(e.getBindingResult()))));
    }

    /** A query parameter, path part or header that is not of its type ({@code ?limit=ten}): a 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : e.getPropertyName();
        return asObject(invalidField(field == null ? "request" : field, expected(e.getRequiredType())));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return asObject(invalidField(e.getParameterName(), "is required"));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return asObject(invalidField(missing.getHeaderName(), "is required"));
        }
        return super.handleServletRequestBindingException(e, headers, status, request);
    }

    /** What a value of this type looks like, in a client's words. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type.isEnum()) {
            return "must be one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        return "has the wrong type";
    }

    public static ProblemDetail invalidRequest(List<FieldProblem> problems) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.size() == 1 ? "1 field is invalid" : problems.size() + " fields are invalid");
        detail.setType(URI.create(TYPE_PREFIX + "invalid-request"));
        detail.setTitle("Invalid request");
        detail.setProperty("errors", problems);
        return detail;
    }

    /** 400 naming one bad field. */
    private static ResponseEntity<ProblemDetail> invalidField(String field, String message) {
        return ResponseEntity.badRequest().body(invalidRequest(List.of(new FieldProblem(field, message))));
    }

    /** 404: {@code detail} says what was not found. */
    public static ResponseEntity<ProblemDetail> notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detailText) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, detailText);
        detail.setType(URI.create(TYPE_PREFIX + type));
        detail.setTitle(title);
        return ResponseEntity.status(status).body(detail);
    }

    private static ResponseEntity<ProblemDetail> withRetryAfter(ResponseEntity<ProblemDetail> response, Duration after) {
        long seconds = Math.max(1, (after.toMillis() + 999) / 1000);
        return ResponseEntity.status(response.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(response.getBody());
    }

    /** Jackson's words for the limit ("Document nesting depth (1001) exceeds the maximum allowed (1000)"), without where it is set. */
    private static String limitOf(StreamConstraintsException e) {
        String words = String.valueOf(e.getOriginalMessage());
        int from = words.indexOf(", from `");
        return from < 0 ? words : words.substring(0, from) + ")";
    }

    private static String describe(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "the request body is not valid JSON" + where;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
