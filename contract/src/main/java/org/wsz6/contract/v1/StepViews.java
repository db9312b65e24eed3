package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Play → admin (research): what every role saw after event {@code seq} of a play-through,
 * re-rendered by the game itself from the logged snapshot. {@code visHtml} is untrusted game
 * output: show it only in a sandboxed frame.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepViews(String playthroughId, long seq, int step, List<RoleView> roles) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoleView(int role, String roleName, String text, String visHtml) {
    }
}
