package io.assistantsync.common.boot;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * What both services' HTTP APIs are to Spring Security: stateless and authenticated by bearer tokens only.
 * No session, no saved request, no CSRF token (no cookie carries the credentials), no login form, basic
 * authentication or logout.
 */
public final class StatelessBearerApi {

	private StatelessBearerApi() {
	}

	/**
	 * Applies it.
	 * @param http the filter chain being built
	 * @return the same builder, to go on with
	 */
	public static HttpSecurity configure(HttpSecurity http) {
		return http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
	}

}
