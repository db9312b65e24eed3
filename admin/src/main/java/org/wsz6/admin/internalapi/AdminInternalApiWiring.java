package org.wsz6.admin.internalapi;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.wsz6.contract.InternalApiGuard;
import org.wsz6.contract.InternalApiSettings;
import org.wsz6.contract.v1.HttpPlayApi;
import org.wsz6.contract.v1.PlayApi;

/**
 * Admin's end of the internal API: the {@link PlayApi} client it calls play with, and the guard in
 * front of admin's own {@code /internal/v1/admin/*} endpoints. Play's base URL is
 * {@code wsz6.internal.play-url}, by default this same server (all-in-one).
 */
@Configuration(proxyBeanMethods = false)
public class AdminInternalApiWiring {

    @Bean
    InternalApiSettings adminInternalApiSettings(Environment env) {
        return InternalApiSettings.from(env::getProperty);
    }

    @Bean
    PlayApi playApi(InternalApiSettings adminInternalApiSettings) {
        return new HttpPlayApi(adminInternalApiSettings.client("wsz6.internal.play-url"));
    }

    @Bean
    FilterRegistrationBean<InternalApiGuard> adminInternalApiGuard(InternalApiSettings adminInternalApiSettings) {
        var registration = new FilterRegistrationBean<>(adminInternalApiSettings.guard());
        registration.addUrlPatterns("/internal/v1/admin/*");
        registration.setName("adminInternalApiGuard");
        registration.setOrder(-200); // before Spring Security: internal calls never need a login
        return registration;
    }
}
