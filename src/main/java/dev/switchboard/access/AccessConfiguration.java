package dev.switchboard.access;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.ProblemWriter;

/**
 * Who may call what. The API is stateless: every request carries a bearer secret (a user's token or
 * an API key), except public intake, sign-in, health, metrics and the API docs. Failures are problem
 * responses like every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccessProperties.class, AdminProperties.class})
public class AccessConfiguration {

    /**
     * No observations of Spring Security's filters, authentications or authorisations: wrapping each of
     * the dozen filters of every request in an observation cost more than the filters themselves.
     * {@code http.server.requests} still times every request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * A request Spring Security's firewall refuses before any filter runs (a {@code ;}, an encoded {@code %},
     * {@code //} or a control character in its path, a header value it will not pass on) is a problem
     * response saying why, like every other refusal; its default was an error page of another shape.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(response, ApiProblems.problem(HttpStatus.BAD_REQUEST,
                "malformed-request", "Malformed request", rejected.getMessage()));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    CallerIntrospector callerIntrospector(AccessTokens tokens, ApiKeys apiKeys, Clock clock, AccessProperties properties) {
        return new CallerIntrospector(tokens, apiKeys, clock, properties);
    }

    @Bean
    ExpiredTokenJanitor expiredTokenJanitor(AccessTokens tokens, Clock clock) {
        return new ExpiredTokenJanitor(tokens, clock);
    }

    /** Deletes sign-in tokens past their expiry, which no request can use, so the table does not grow forever. */
    static final class ExpiredTokenJanitor {
        private final AccessTokens tokens;
        private final Clock clock;

        ExpiredTokenJanitor(AccessTokens tokens, Clock clock) {
            this.tokens = tokens;
            this.clock = clock;
        }

        @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${switchboard.auth.token-purge-interval:1h}",
                initialDelayString = "1m")
        void purge() {
            tokens.purgeExpired(clock.instant());
        }
    }

    @Bean
    AdminBootstrap adminBootstrap(Users users, PasswordEncoder passwords, AdminProperties admin,
                                  @Value("${switchboard.data-dir}") Path dataDir, Clock clock) {
        return new AdminBootstrap(users, passwords, admin, dataDir, clock);
    }

    /**
     * Bearer secrets from the {@code Authorization} header; for the agents' stream also from the
     * {@code access_token} query parameter, since browsers cannot set headers on a WebSocket. Only
     * there: a token in a URL ends up in logs.
     */
    static BearerTokenResolver bearerTokens() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return request -> STREAM.equals(request.getRequestURI()) ? headerOrQuery.resolve(request) : header.resolve(request);
    }

    private static final String STREAM = "/api/v1/stream";

    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain api(HttpSecurity http, CallerIntrospector callers, ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(response, ApiProblems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Authentication required", "send a valid token or API key as 'Authorization: Bearer ...'"));
        };
        AccessDeniedHandler denied = (request, response, failure) -> problems.write(response,
                ApiProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "your role may not do this"));
        return http
                .securityMatcher("/api/**", "/actuator", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**",
                        "/swagger-ui.html", "/swagger-ui/**")
                .csrf(csrf -> csrf.disable()) // bearer tokens only: no cookie a forged request could ride on
                .cors(org.springframework.security.config.Customizer.withDefaults()) // the chat widget's paths only (corsConfigurationSource)
                // Stateless, and hands off a session it did not make: a signed-in page's stream handshake
                // brings the web UI's session cookie along, and session-fixation protection would otherwise
                // give that session a new id on every bearer authentication (a page that navigated away
                // before the handshake's answer then kept a dead cookie and was signed out).
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/tickets", "/api/v1/auth/token").permitAll()
                        // Mail providers' posts: each checks its provider's own credential (InboundMailController).
                        .requestMatchers(HttpMethod.POST, "/api/v1/inbound/**").permitAll()
                        // The chat widget: a conversation's signed token is its key (ChatController).
                        .requestMatchers("/api/v1/chat/**").permitAll()
                        .requestMatchers("/api/v1/ping", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/api/v1/agents/me", "/api/v1/agents/me/**").hasRole(Role.AGENT.name())
                        .requestMatchers("/api/v1/api-keys", "/api/v1/api-keys/**", "/api/v1/triage/**", "/api/v1/teams",
                                "/api/v1/teams/**", "/api/v1/agents", "/api/v1/agents/**", "/api/v1/users", "/api/v1/users/**", "/api/v1/routing/**", "/api/v1/models", "/api/v1/models/**", "/api/v1/webhooks", "/api/v1/webhooks/**",
                                "/api/v1/backbone", "/api/v1/backbone/**", "/api/v1/backups", "/api/v1/backups/**",
                                "/actuator/**")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(bearerTokens())
                        .opaqueToken(opaque -> opaque.introspector(callers))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .build();
    }
}
