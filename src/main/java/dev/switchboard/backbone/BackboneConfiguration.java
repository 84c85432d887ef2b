package dev.switchboard.backbone;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the backbone by {@code switchboard.backbone}: {@code in-process} (the default) or {@code kafka}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackboneProperties.class)
public class BackboneConfiguration {

    @Bean
    BackboneHealth backboneHealthIndicator(Backbone backbone) {
        return new BackboneHealth(backbone);
    }

    @Bean
    @ConditionalOnProperty(name = "switchboard.backbone", havingValue = "in-process", matchIfMissing = true)
    Backbone inProcessBackbone(BackboneProperties properties) {
        return new InProcessBackbone(properties.nodeName());
    }
}
