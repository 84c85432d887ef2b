package dev.switchboard.web;

import java.util.function.Consumer;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

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
        return converters -> converters.withJsonConverter(new SizedJsonHttpMessageConverter(strictReader(json)));
    }

    /**
     * Spring Boot's mapper, reading request bodies strictly. A field the request does not have is a 400 naming
     * it, not ignored: a message posted with {@code "internl": true} would otherwise go to the customer as a
     * reply. And no JSON type is turned into another: a number or a boolean where text belongs, text where a
     * number or a boolean does, or a fraction where a whole number does, is a 400 naming the field (Jackson's
     * defaults took {@code {"capacity": 2.7}} as 2 and {@code {"name": 5}} as "5"). Writing is unchanged.
     */
    static JsonMapper strictReader(JsonMapper json) {
        return json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, refuse(CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Integer, refuse(CoercionInputShape.String, CoercionInputShape.Float,
                        CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Float, refuse(CoercionInputShape.String, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Boolean, refuse(CoercionInputShape.String, CoercionInputShape.Integer,
                        CoercionInputShape.Float))
                .build();
    }

    private static Consumer<MutableCoercionConfig> refuse(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }

    @Bean
    ProblemReportValve.Installer problemReportValve() {
        return new ProblemReportValve.Installer();
    }

    @Bean
    PlatformRequestThreads platformRequestThreads() {
        return new PlatformRequestThreads();
    }
}
