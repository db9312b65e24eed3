package org.wsz6.play.gamehost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A game as the worker reads it from its PFF (docs/gamehost-protocol.md, "GameDescription"). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GameDescription(
        String name,
        @JsonProperty("brief_desc") String briefDesc,
        @JsonProperty("problem_version") String problemVersion,
        @JsonProperty("soluzion_version") String soluzionVersion,
        List<String> authors,
        @JsonProperty("creation_date") String creationDate,
        String pff,
        String vis,
        List<Role> roles,
        @JsonProperty("min_players_to_start") int minPlayersToStart,
        @JsonProperty("max_players") int maxPlayers,
        List<StaticOperator> operators,
        @JsonProperty("config_keys") List<String> configKeys,
        @JsonProperty("has_text_view_for_role") boolean hasTextViewForRole,
        @JsonProperty("role_specific_vis") boolean roleSpecificVis) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Role(int index, String name, String description,
                       @JsonProperty("max_players") int maxPlayers, boolean observer) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StaticOperator(int index, String name, String description,
                                 List<StepResult.ParamSpec> params, Integer role) { }
}
