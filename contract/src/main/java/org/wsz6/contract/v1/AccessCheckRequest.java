package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Play → admin: may this account reach this game (its access level, the game's status)? */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessCheckRequest(String username, String gameSlug, String action) {
}
