package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Play → admin: a one-time URL (relative to the play base URL) that opens the session as observer. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObserverTokenResponse(String url) {
}
