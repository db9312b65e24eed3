package org.wsz6.contract.v1;

import org.wsz6.contract.InternalHttpClient;

/** {@link AdminApi} over HTTP: what play uses to reach admin, in the same JVM or another process. */
public class HttpAdminApi implements AdminApi {

    private final InternalHttpClient http;

    public HttpAdminApi(InternalHttpClient http) {
        this.http = http;
    }

    @Override
    public void sessionSummary(SessionSummary summary) {
        http.post(InternalApiV1.ADMIN_SESSION_SUMMARIES, summary, Void.class);
    }

    @Override
    public void sessionStatus(SessionStatus status) {
        http.post(InternalApiV1.ADMIN_SESSION_STATUS, status, Void.class);
    }

    @Override
    public AccessDecision accessCheck(AccessCheckRequest request) {
        return http.post(InternalApiV1.ADMIN_ACCESS_CHECK, request, AccessDecision.class);
    }
}
