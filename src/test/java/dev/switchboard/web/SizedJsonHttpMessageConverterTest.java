package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.http.MockHttpOutputMessage;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/** An answer goes out with its length up to the limit, streams past it, and an event's data is written as it comes. */
class SizedJsonHttpMessageConverterTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SizedJsonHttpMessageConverter converter = new SizedJsonHttpMessageConverter(json);

    @Test
    void aSmallAnswerCarriesItsLength() throws Exception {
        MockHttpServletResponse servlet = new MockHttpServletResponse();
        Map<String, Object> receipt = Map.of("id", "01M8YHDJBHWDVQH9ZGX9B30VT0", "status", "queued");

        converter.write(receipt, MediaType.APPLICATION_JSON, new ServletServerHttpResponse(servlet));

        byte[] expected = json.writeValueAsBytes(receipt);
        assertThat(servlet.getContentAsByteArray()).isEqualTo(expected);
        assertThat(servlet.getHeader("Content-Length")).isEqualTo(Integer.toString(expected.length));
    }

    @Test
    void anAnswerPastTheLimitStreamsWhole() throws Exception {
        MockHttpServletResponse servlet = new MockHttpServletResponse();
        // Each item is a little over 100 bytes: twice the limit in all, so it spills over partway.
        List<String> items = Collections.nCopies(2 * SizedJsonHttpMessageConverter.SIZED_UP_TO / 100, "x".repeat(100));

        converter.write(items, MediaType.APPLICATION_JSON, new ServletServerHttpResponse(servlet));

        assertThat(servlet.getContentAsByteArray()).isEqualTo(json.writeValueAsBytes(items));
        assertThat(servlet.getHeader("Content-Length")).as("sent as it was written, not held").isNull();
    }

    @Test
    void anAnswerOfExactlyTheLimitIsSized() throws Exception {
        MockHttpServletResponse servlet = new MockHttpServletResponse();
        // A JSON string of SIZED_UP_TO bytes with its two quotes.
        String text = "y".repeat(SizedJsonHttpMessageConverter.SIZED_UP_TO - 2);

        converter.write(text, MediaType.APPLICATION_JSON, new ServletServerHttpResponse(servlet));

        assertThat(servlet.getContentAsString(StandardCharsets.UTF_8)).isEqualTo('"' + text + '"');
        assertThat(servlet.getHeader("Content-Length")).isEqualTo(Integer.toString(SizedJsonHttpMessageConverter.SIZED_UP_TO));
    }

    @Test
    void anEventsDataIsWrittenWithoutALength() throws Exception {
        MockHttpOutputMessage event = new MockHttpOutputMessage();

        converter.write(Map.of("type", "message"), MediaType.APPLICATION_JSON, event);

        assertThat(event.getBodyAsString(StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"message\"}");
        assertThat(event.getHeaders().getContentLength()).isEqualTo(-1);
    }
}
