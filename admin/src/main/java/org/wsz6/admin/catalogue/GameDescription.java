package org.wsz6.admin.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A game's metadata as the game host read it from the PFF ({@code wsz6ctl.py describe --json}; shape
 * in docs/gamehost-protocol.md). Admin keeps its own copy of this record because it never imports play.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GameDescription(String name,
                              @JsonProperty("brief_desc") String briefDesc,
                              @JsonProperty("problem_version") String problemVersion,
                              @JsonProperty("soluzion_version") String soluzionVersion,
                              List<String> authors,
                              @JsonProperty("creation_date") String creationDate,
                              String pff, String vis, List<Role> roles,
                              @JsonProperty("min_players_to_start") int minPlayersToStart,
                              @JsonProperty("max_players") int maxPlayers,
                              @JsonProperty("config_keys") List<String> configKeys) {

    public GameDescription {
        authors = authors == null ? List.of() : authors;
        roles = roles == null ? List.of() : roles;
        configKeys = configKeys == null ? List.of() : configKeys;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Role(int index, String name, String description,
                       @JsonProperty("max_players") int maxPlayers, boolean observer) {
    }
}
