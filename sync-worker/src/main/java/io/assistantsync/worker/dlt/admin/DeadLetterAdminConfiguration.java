package io.assistantsync.worker.dlt.admin;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.assistantsync.worker.dlt.SyncOpsProperties;

/**
 * Makes the admin API's {@link OpsToken} from {@code sync.ops.token} and puts {@link OpsTokenFilter} in front
 * of every {@code /admin} path of the worker. The {@code dlt} command line talks to Kafka directly and has
 * neither.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterAdminConfiguration {

	@Bean
	OpsToken opsToken(SyncOpsProperties ops) {
		return new OpsToken(ops.token());
	}

	@Bean
	FilterRegistrationBean<OpsTokenFilter> opsTokenFilter(OpsToken token) {
		FilterRegistrationBean<OpsTokenFilter> registration = new FilterRegistrationBean<>(new OpsTokenFilter(token));
		// "/admin/*" also matches "/admin" itself
		registration.addUrlPatterns("/admin/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
