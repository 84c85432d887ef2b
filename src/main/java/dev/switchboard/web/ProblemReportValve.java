package dev.switchboard.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat answers itself, before any of the application runs, is an RFC 9457 problem too: a request
 * whose path it cannot decode ({@code %E2%82}, {@code %u0000}) or will not map ({@code %2F}, an encoded
 * slash) used to get Tomcat's HTML error page. Errors the application sends go to its error page
 * ({@link ProblemErrorController}); only what has no body by then comes here. The details are fixed
 * words, never the request's bytes.
 */
public class ProblemReportValve extends ErrorReportValve {

    /** Tomcat makes the valve by its class name, outside the application's context and its mapper. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own: not for a success or a redirect, not over a body, not twice.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is broken: nobody would read it
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        String detail = status == 400
                ? "the request could not be read: its path, query or headers are malformed or too long (percent-encode UTF-8 bytes; an encoded slash is not taken)"
                : "the server refused the request: " + title;
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "about:blank");
                problem.put("title", title);
                problem.put("status", status);
                problem.put("detail", detail);
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | JacksonException | IllegalStateException notWritten) {
            // the client went away, or the response was taken meanwhile: nothing more to say
        }
    }

    /** Puts the valve in place of the error report valves on the server's host (Spring Boot adds one). */
    public static final class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    Pipeline pipeline = host.getPipeline();
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            pipeline.removeValve(valve);
                        }
                    }
                    pipeline.addValve(new ProblemReportValve());
                    host.setErrorReportValveClass(ProblemReportValve.class.getName()); // the host's start adds no other
                }
            });
        }

        /** After Spring Boot's customizer (order 0), whose valve this one replaces. */
        @Override
        public int getOrder() {
            return 1;
        }
    }
}
