package io.assistantsync.api.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the per-owner write limit in front of the API's handlers.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityMvcConfiguration implements WebMvcConfigurer {

	private final WriteRateLimit rateLimit;

	WebSecurityMvcConfiguration(WriteRateLimit rateLimit) {
		this.rateLimit = rateLimit;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.rateLimit).addPathPatterns("/api/**");
	}

}
