package org.wsz6.admin.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The portal's public base URL for links in mails: {@code wsz6.public-url}, else the one the request came in on. */
@Component
public class BaseUrl {

    private final String configured;

    public BaseUrl(@Value("${wsz6.public-url:}") String configured) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    public String of(HttpServletRequest request) {
        if (!configured.isBlank()) {
            return configured;
        }
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
}
