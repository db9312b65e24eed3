package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Play → admin: the sessions play currently holds (live, and ended within the last hour). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActiveSessions(List<SessionStatus> sessions) {
}
