package org.wsz6.contract.v1;

/** What WSZ6-play may ask of WSZ6-admin (served under {@code /internal/v1/admin}). */
public interface AdminApi {

    void sessionSummary(SessionSummary summary);

    void sessionStatus(SessionStatus status);

    AccessDecision accessCheck(AccessCheckRequest request);
}
