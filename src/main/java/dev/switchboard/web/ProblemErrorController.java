package dev.switchboard.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The answer to an error the container sends to its error page instead of Spring MVC's handlers: a
 * filter or the container called {@code sendError} (a request the security firewall refused before a
 * handler ran, a path the container would not map). An RFC 9457 problem, like every other error of the
 * API, for all but a browser asking for HTML, which gets the error page. Takes the place of Spring Boot's
 * {@code BasicErrorController}, whose JSON is a map of its own shape ({@code timestamp}, {@code error},
 * {@code path}).
 */
@Controller
@RequestMapping("${spring.web.error.path:${error.path:/error}}")
public class ProblemErrorController extends AbstractErrorController {

    ProblemErrorController(ErrorAttributes errorAttributes, ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, errorViewResolvers.orderedStream().toList());
    }

    @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = getStatus(request);
        Map<String, Object> model = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        response.setStatus(status.value());
        ModelAndView view = resolveErrorView(request, response, status, model);
        return view != null ? view : new ModelAndView("error", model); // Spring Boot's error page
    }

    @RequestMapping
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        ResponseEntity<ProblemDetail> problem = switch (status) {
            case NOT_FOUND -> ApiProblems.notFound("nothing is at this path");
            case INTERNAL_SERVER_ERROR -> ApiProblems.internalError();
            default -> ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail(request, status)));
        };
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            problem.getBody().setInstance(reference(path)); // else Spring MVC names the error page's own path
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    /** What the code that sent the error said, else the status's own words. */
    private static String detail(HttpServletRequest request, HttpStatus status) {
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return message instanceof String text && !text.isBlank() ? text : "the request was refused: " + status.getReasonPhrase();
    }

    /** The request's path as sent, or with what a URI may not hold quoted (it may be why it was refused). */
    private static URI reference(String path) {
        try {
            return new URI(path);
        } catch (URISyntaxException notAReference) {
            try {
                return new URI(null, null, path, null);
            } catch (URISyntaxException stillNot) {
                return null;
            }
        }
    }
}
