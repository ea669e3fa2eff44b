package io.assistantsync.worker.dlt;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link OpsTokenFilter} in front of every {@code /admin} path of the worker.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterAdminConfiguration {

	@Bean
	FilterRegistrationBean<OpsTokenFilter> opsTokenFilter(OpsToken token) {
		FilterRegistrationBean<OpsTokenFilter> registration = new FilterRegistrationBean<>(new OpsTokenFilter(token));
		// "/admin/*" also matches "/admin" itself
		registration.addUrlPatterns("/admin/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
