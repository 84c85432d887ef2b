package dev.switchboard.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson's JSON converter, sending an answer's length with it. Spring MVC flushes a {@code ResponseEntity}'s
 * body once it is written; without a {@code Content-Length}, Tomcat then sends it chunked, and the closing
 * chunk in a second write when the request ends: two socket writes an answer (intake's 202 among them), and a
 * client that reads twice. Here an answer's JSON goes to a buffer first and, up to {@link #SIZED_UP_TO}
 * bytes, out with its length in one write; past that it streams, chunked, as before, so a large answer is not
 * held twice. Only a whole answer is sized: a server-sent event's data (not a {@link ServletServerHttpResponse})
 * is written as it comes.
 */
public class SizedJsonHttpMessageConverter extends JacksonJsonHttpMessageConverter {

    /** The largest answer sent with its length: beyond Tomcat's 8 KB output buffer, well within a list of tickets. */
    static final int SIZED_UP_TO = 64 * 1024;

    public SizedJsonHttpMessageConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    protected void writeInternal(Object object, ResolvableType type, HttpOutputMessage message, Map<String, Object> hints)
            throws IOException, HttpMessageNotWritableException {
        if (!(message instanceof ServletServerHttpResponse)) {
            super.writeInternal(object, type, message, hints);
            return;
        }
        SizedBody body = new SizedBody(message);
        super.writeInternal(object, type, new HttpOutputMessage() {
            @Override
            public OutputStream getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        }, hints);
        body.finish();
    }

    /** Holds what is written until it is whole (then sent with its length) or passes {@link #SIZED_UP_TO} (then streams). */
    private static final class SizedBody extends OutputStream {
        private final HttpOutputMessage message;
        private byte[] held = new byte[1024];
        private int count;
        private OutputStream streaming;

        SizedBody(HttpOutputMessage message) {
            this.message = message;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (streaming == null && count + length > SIZED_UP_TO) {
                streaming = message.getBody();
                streaming.write(held, 0, count);
                held = null;
            }
            if (streaming != null) {
                streaming.write(bytes, offset, length);
                return;
            }
            if (count + length > held.length) {
                held = Arrays.copyOf(held, Math.min(SIZED_UP_TO, Math.max(count + length, held.length * 2)));
            }
            System.arraycopy(bytes, offset, held, count, length);
            count += length;
        }

        /** The answer is whole: sends what is held, with its length. */
        void finish() throws IOException {
            if (streaming == null) {
                message.getHeaders().setContentLength(count);
                message.getBody().write(held, 0, count);
            }
        }
    }
}
