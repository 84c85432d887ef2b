package dev.switchboard.access;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.switchboard.web.RateLimiter;
import dev.switchboard.web.TooManyRequestsException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web UI's sign-in: a form, a session cookie (HttpOnly, SameSite=Lax), CSRF tokens on every
 * form and htmx request, sign-out. Everything outside the API ({@code /api/**}) and the operators'
 * endpoints goes through this chain; the customer portal and static assets are public.
 */
@Configuration(proxyBeanMethods = false)
public class WebSignInConfiguration {

    @Bean
    UserDetailsService signedInUsers(Users users) {
        return email -> users.findByEmail(email.strip().toLowerCase(Locale.ROOT)).map(SignedInUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    StreamTokens streamTokens(AccessTokens tokens, AccessProperties properties, Clock clock) {
        return new StreamTokens(tokens, properties.tokenTtl(), clock);
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, StreamTokens streamTokens, AccessProperties properties) throws Exception {
        RateLimiter limiter = new RateLimiter(100_000, Duration.ofMinutes(1));
        RateLimiter.Limit signIns = new RateLimiter.Limit(properties.signInsPerMinute(), Duration.ofMinutes(1));
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/portal", "/portal/**", "/webjars/**", "/css/**", "/js/**", "/widget.js",
                                "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/admin", "/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/lead", "/lead/**").hasAnyRole(Role.LEAD.name(), Role.ADMIN.name())
                        .anyRequest().hasAnyRole(Role.AGENT.name(), Role.LEAD.name(), Role.ADMIN.name()))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?failed"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out")
                        .addLogoutHandler((request, response, auth) -> {
                            var session = request.getSession(false);
                            if (session != null) {
                                streamTokens.revoke(session);
                            }
                        }))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new SignInLimit(limiter, signIns), UsernamePasswordAuthenticationFilter.class)
                .build();
    }

    /** The same per-address limit on the sign-in form as on {@code POST /api/v1/auth/token}. */
    static final class SignInLimit extends OncePerRequestFilter {
        private final RateLimiter limiter;
        private final RateLimiter.Limit limit;

        SignInLimit(RateLimiter limiter, RateLimiter.Limit limit) {
            this.limiter = limiter;
            this.limit = limit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (HttpMethod.POST.matches(request.getMethod()) && "/login".equals(request.getServletPath())) {
                try {
                    limiter.consume("web-sign-in:" + request.getRemoteAddr(), limit, 1);
                } catch (TooManyRequestsException tooMany) {
                    response.setHeader("Retry-After", Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())));
                    response.sendError(429, "Too many sign-in attempts; try again in a minute");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
