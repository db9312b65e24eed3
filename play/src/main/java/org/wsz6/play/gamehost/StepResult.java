package org.wsz6.play.gamehost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/** What the worker returns after each step (docs/gamehost-protocol.md, "StepResult"). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepResult(
        String pt,
        int step,
        long seed,
        @JsonProperty("current_role") int currentRole,
        boolean parallel,
        boolean goal,
        @JsonProperty("goal_message") String goalMessage,
        Outcome outcome,
        String transition,
        List<RoleView> views,
        @JsonProperty("state_json") JsonNode stateJson,
        String snapshot,
        @JsonProperty("session_folder") String sessionFolder,
        List<ArtifactChange> artifacts,
        String stdout) {

    /** This step with {@code state} as its state_json (the bridge hands a record's own tree over instead of copying it). */
    StepResult withStateJson(JsonNode state) {
        return new StepResult(pt, step, seed, currentRole, parallel, goal, goalMessage, outcome, transition, views,
                state, snapshot, sessionFolder, artifacts, stdout);
    }

    /** The view for one role, or null when that role was not rendered. */
    public RoleView viewFor(int role) {
        return views == null ? null : views.stream().filter(v -> v.role() == role).findFirst().orElse(null);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outcome(List<Integer> winners, boolean draw) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoleView(int role,
                           @JsonDeserialize(using = FramedString.class) String text,
                           @JsonProperty("vis_html") @JsonDeserialize(using = FramedString.class) String visHtml,
                           List<OperatorView> operators) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OperatorView(int index, String name, String description, List<ParamSpec> params,
                               @JsonProperty("allow_undo") boolean allowUndo) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ParamSpec(String name, String type, Double min, Double max,
                            @JsonProperty("file_path") String filePath,
                            @JsonProperty("initial_text") String initialText) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ArtifactChange(String path, String sha256, long size) { }
}
