package io.assistantsync.worker.dlt.admin;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;

import io.assistantsync.common.boot.StatelessBearerApi;
import io.assistantsync.worker.dlt.SyncOpsProperties;

/**
 * Spring Security for the admin API, and only for it: every {@code /admin} path, whether or not a handler exists
 * for it. Actuator and everything else of the worker stay as they are. A call needs a bearer token that is
 * either a JWT with scope {@code ops:dlt} (issuer and JWK set from Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*}) or the static ops token ({@code sync.ops.token}, compared
 * in constant time); both give the authority {@value #OPS_DLT}. 401 and 403 are problem+json with
 * {@code WWW-Authenticate}. With neither configured the admin API is off: every {@code /admin} path answers 404,
 * whatever the token. The {@code dlt} command line talks to Kafka directly and has none of this.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

	/** The authority every admin API call needs: scope {@code ops:dlt}, or the static ops token. */
	static final String OPS_DLT = "SCOPE_ops:dlt";

	private static final Logger logger = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

	@Bean
	SecurityFilterChain adminApiSecurity(HttpSecurity http, SyncOpsProperties ops,
			ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<JwtAuthenticationConverter> jwtConverter)
			throws Exception {
		StatelessBearerApi.configure(http.securityMatcher("/admin", "/admin/**"));
		List<AuthenticationProvider> providers = new ArrayList<>();
		OpsToken token = new OpsToken(ops.token());
		if (token.isConfigured()) {
			providers.add(new OpsTokenAuthenticationProvider(token));
		}
		JwtDecoder decoder = jwtDecoder.getIfAvailable();
		if (decoder != null) {
			JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
			jwtConverter.ifAvailable(jwt::setJwtAuthenticationConverter);
			providers.add(jwt);
		}
		if (providers.isEmpty()) {
			logger.info("The admin API is off: neither sync.ops.token nor spring.security.oauth2.resourceserver.jwt.* "
					+ "is configured");
			AdminProblemResponses.Off off = AdminProblemResponses.off();
			http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
				.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(off).accessDeniedHandler(off));
			return http.build();
		}
		// the static token first: a JWT never matches it, and the JWT provider's verdict is the last word
		AuthenticationManager authentication = new ProviderManager(providers);
		AdminProblemResponses problems = new AdminProblemResponses();
		http.authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(OPS_DLT))
			.oauth2ResourceServer(resourceServer -> resourceServer
				.authenticationManagerResolver(request -> authentication)
				.bearerTokenResolver(new AdminBearerTokenResolver())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
		return http.build();
	}

}
