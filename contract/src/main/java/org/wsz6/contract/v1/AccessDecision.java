package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Admin → play: the answer to an {@link AccessCheckRequest}; {@code reason} explains a refusal. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessDecision(boolean allowed, String reason) {
}
