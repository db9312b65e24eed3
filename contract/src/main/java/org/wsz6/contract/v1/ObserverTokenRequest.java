package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Admin → play: let a permitted admin watch a session. Admin has checked the permission;
 * {@code mayTakeOver} says whether the admin may also take over a role.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObserverTokenRequest(UserRef admin, boolean mayTakeOver) {
}
