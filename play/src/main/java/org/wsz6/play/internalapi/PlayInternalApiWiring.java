package org.wsz6.play.internalapi;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.wsz6.contract.InternalApiGuard;
import org.wsz6.contract.InternalApiSettings;
import org.wsz6.contract.v1.AdminApi;
import org.wsz6.contract.v1.HttpAdminApi;

/**
 * Play's end of the internal API: the {@link AdminApi} client it calls admin with, and the guard in
 * front of play's own {@code /internal/v1/play/*} endpoints. Admin's base URL is
 * {@code wsz6.internal.admin-url}, by default this same server (all-in-one).
 */
@Configuration(proxyBeanMethods = false)
public class PlayInternalApiWiring {

    @Bean
    InternalApiSettings playInternalApiSettings(Environment env) {
        return InternalApiSettings.from(env::getProperty);
    }

    @Bean
    AdminApi adminApi(InternalApiSettings playInternalApiSettings) {
        return new HttpAdminApi(playInternalApiSettings.client("wsz6.internal.admin-url"));
    }

    @Bean
    FilterRegistrationBean<InternalApiGuard> playInternalApiGuard(InternalApiSettings playInternalApiSettings) {
        var registration = new FilterRegistrationBean<>(playInternalApiSettings.guard());
        registration.addUrlPatterns("/internal/v1/play/*");
        registration.setName("playInternalApiGuard");
        registration.setOrder(-200);
        return registration;
    }
}
