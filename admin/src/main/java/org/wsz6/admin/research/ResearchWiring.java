package org.wsz6.admin.research;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wsz6.contract.InternalApiSettings;
import org.wsz6.contract.v1.HttpPlayResearchApi;
import org.wsz6.contract.v1.PlayResearchApi;

/** The client the research panel reads play's GDM with: the internal API, same secret and URL as the rest of admin. */
@Configuration(proxyBeanMethods = false)
public class ResearchWiring {

    @Bean
    PlayResearchApi playResearchApi(InternalApiSettings adminInternalApiSettings) {
        return new HttpPlayResearchApi(adminInternalApiSettings.client("wsz6.internal.play-url"));
    }
}
