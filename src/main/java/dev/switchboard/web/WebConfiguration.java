package dev.switchboard.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Shared HTTP pieces. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    ProblemWriter problemWriter(ObjectMapper json) {
        return new ProblemWriter(json);
    }

    /**
     * Takes the JSON converter's place (the same mapper), after Spring Boot's own customizer put its there: answers
     * go out with their length. In the JSON place, not as a converter bean, which would come before the byte and
     * string converters and write a {@code byte[]} or {@code String} body (the OpenAPI document's) as JSON.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer sizedJsonHttpMessageConverter(JsonMapper json) {
        return converters -> converters.withJsonConverter(new SizedJsonHttpMessageConverter(json));
    }

    @Bean
    PlatformRequestThreads platformRequestThreads() {
        return new PlatformRequestThreads();
    }
}
