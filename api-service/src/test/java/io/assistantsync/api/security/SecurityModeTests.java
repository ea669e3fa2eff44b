package io.assistantsync.api.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security modes' start-up: {@code jwt} without an issuer or a JWK set refuses to start with one clear
 * line; {@code none} starts without either.
 */
class SecurityModeTests {

	private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(Security.class);

	@Test
	void shouldRefuseToStartInJwtModeWithoutIssuerOrJwkSetNamingBothSettings() {
		this.contexts.run(context -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new MissingJwtSettingsFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).doesNotContain("\n")
				.contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")
				.contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
		});
	}

	@Test
	void shouldStartInJwtModeWithAJwkSet() {
		this.contexts
			.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks.json")
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class));
	}

	@Test
	void shouldStartWithoutEitherWhenSecurityIsOff() {
		this.contexts.withPropertyValues("assistants.security.mode=none")
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecurityProperties.class)
	@Import({ SecurityConfiguration.class, ProblemAuthenticationResponses.class })
	static class Security {

	}

}
