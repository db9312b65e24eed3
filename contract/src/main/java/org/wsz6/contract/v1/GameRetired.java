package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Admin → play: a game version starts no new sessions; running ones continue. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GameRetired(String slug, String version) {
}
