package io.assistantsync.api.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import io.assistantsync.common.boot.StatelessBearerApi;

/**
 * Spring Security for the API (docs/contract.md §8). In {@code jwt} mode: an OAuth 2.0 resource server that
 * takes bearer JWTs; scope {@code assistants:read} for GET, {@code assistants:write} for every write; 401 and
 * 403 as problem+json with {@code WWW-Authenticate}; the event stream alone also takes the token as the
 * {@code access_token} query parameter, because a browser's {@code EventSource} cannot send headers. Health,
 * metrics and the API description stay open. In {@code none} mode everyone is let in as one owner, with a
 * warning at start-up. CORS applies in both modes.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** The server-sent event stream of one assistant. */
	static final String EVENT_STREAM = "/api/assistants/*/sync-events";

	static final String READ = "SCOPE_assistants:read";

	static final String WRITE = "SCOPE_assistants:write";

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties,
			ObjectProvider<JwtDecoder> jwtDecoder, ProblemAuthenticationResponses problems) throws Exception {
		StatelessBearerApi.configure(http.cors(Customizer.withDefaults()));
		if (properties.mode() == SecurityProperties.Mode.NONE) {
			logger.warn("assistants.security.mode=none: the API accepts every caller without authentication, as "
					+ "owner '{}'; use it only for a local run", CurrentOwner.ANONYMOUS);
			http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
			return http.build();
		}
		if (jwtDecoder.getIfAvailable() == null) {
			throw new MissingJwtSettingsException();
		}
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
			.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus",
					"/actuator/metrics/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/**").hasAuthority(READ)
			.requestMatchers(HttpMethod.POST, "/api/**").hasAuthority(WRITE)
			.requestMatchers(HttpMethod.PUT, "/api/**").hasAuthority(WRITE)
			.requestMatchers(HttpMethod.PATCH, "/api/**").hasAuthority(WRITE)
			.requestMatchers(HttpMethod.DELETE, "/api/**").hasAuthority(WRITE)
			.anyRequest().denyAll())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
				.bearerTokenResolver(new AccessTokenResolver(EVENT_STREAM))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.cors().allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
				HttpHeaders.IF_NONE_MATCH, "Idempotency-Key", "Last-Event-ID"));
		cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER,
				HttpHeaders.WWW_AUTHENTICATE));
		cors.setMaxAge(properties.cors().maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

}
