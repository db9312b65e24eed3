package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A portal account as the other component needs to know it. {@code accountType} is the enum name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserRef(long id, String username, String displayName, String accountType) {
}
