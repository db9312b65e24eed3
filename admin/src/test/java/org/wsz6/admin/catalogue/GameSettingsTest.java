package org.wsz6.admin.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.FakePlay;
import org.wsz6.admin.support.TestAccounts;
import org.wsz6.admin.support.TestGames;
import org.wsz6.contract.v1.InternalApiV1;

/**
 * Per-game settings (SZ6-CONTRACT §8): an admin sets environment variables and network access for
 * one game; values never come back to the page; refused names say why; play gets the settings with
 * the game's announcement and with every launch. Play is the recording stand-in on a real port.
 */
@AdminIntegrationTest
class GameSettingsTest {

    static final FakePlay play;

    static {
        try {
            play = new FakePlay("test-secret-0123456789abcdef");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void playUrl(DynamicPropertyRegistry registry) {
        registry.add("wsz6.internal.play-url", play::url);
    }

    @Autowired MockMvc mvc;
    @Autowired TestAccounts accounts;
    @Autowired TestGames games;
    @Autowired GameSettingsService settings;

    @Test
    void settingsAreSavedShownMaskedAndSentWithEveryLaunch() throws Exception {
        accounts.create("gina", AccountType.GAMES_ADMIN);
        games.add("twenty", "Twenty Questions", GameStatus.PUBLISHED, null);
        String page = mvc.perform(get("/games/twenty").with(user("gina"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Settings for this game").contains("GAME_LLM_URL").contains("GAME_LLM_TIMEOUT");

        mvc.perform(post("/games/twenty/settings").param("newName", "GAME_LLM_KEY").param("newValue", "sk-very-secret-42")
                        .param("allowNetwork", "true").with(user("gina")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("ok", Matchers.containsString("saved")));
        mvc.perform(post("/games/twenty/settings").param("newName", "GAME_LLM_URL")
                        .param("newValue", "http://127.0.0.1:8000/v1").param("allowNetwork", "true")
                        .with(user("gina")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        page = mvc.perform(get("/games/twenty").with(user("gina"))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<code>GAME_LLM_KEY</code>").contains("<code>GAME_LLM_URL</code>")
                .doesNotContain("sk-very-secret-42").doesNotContain("127.0.0.1:8000");
        assertThat(page).containsPattern("name=\"allowNetwork\" value=\"true\"\\s+checked");
        assertThat(settings.of("twenty"))
                .isEqualTo(new GameSettings(Map.of("GAME_LLM_KEY", "sk-very-secret-42", "GAME_LLM_URL", "http://127.0.0.1:8000/v1"), true, false));

        // The change was announced to play with the settings.
        JsonNode announced = play.callsTo(InternalApiV1.PLAY_GAMES).stream().map(FakePlay.Call::body)
                .filter(b -> b.get("slug").asText().equals("twenty")).reduce((a, b) -> b).orElseThrow();
        assertThat(announced.get("env").get("GAME_LLM_KEY").asText()).isEqualTo("sk-very-secret-42");
        assertThat(announced.get("allowNetwork").asBoolean()).isTrue();

        // A blank replacement keeps the value, a typed one replaces it, a ticked box removes the variable.
        mvc.perform(post("/games/twenty/settings").param("value.GAME_LLM_KEY", "").param("value.GAME_LLM_URL", "http://127.0.0.1:9000/v1")
                        .param("newName", "GAME_LLM_TIMEOUT").param("newValue", "3").with(user("gina")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/games/twenty/settings").param("remove.GAME_LLM_TIMEOUT", "true").param("allowNetwork", "true")
                .with(user("gina")).with(csrf()));
        assertThat(settings.of("twenty"))
                .isEqualTo(new GameSettings(Map.of("GAME_LLM_KEY", "sk-very-secret-42", "GAME_LLM_URL", "http://127.0.0.1:9000/v1"), true, false));

        // Every launch, normal and debug, carries them.
        mvc.perform(post("/games/twenty/sessions").with(user("gina")).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/games/twenty/debug").with(user("gina")).with(csrf())).andExpect(status().is3xxRedirection());
        for (String path : new String[] {InternalApiV1.PLAY_LAUNCH, InternalApiV1.PLAY_DEBUG_LAUNCH}) {
            JsonNode launch = play.callsTo(path).getLast().body();
            assertThat(launch.get("gameSlug").asText()).isEqualTo("twenty");
            assertThat(launch.get("gameEnv").get("GAME_LLM_KEY").asText()).isEqualTo("sk-very-secret-42");
            assertThat(launch.get("gameEnv").get("GAME_LLM_URL").asText()).isEqualTo("http://127.0.0.1:9000/v1");
            assertThat(launch.get("allowNetwork").asBoolean()).isTrue();
        }
    }

    @Test
    void aGameWithoutSettingsLaunchesWithNoVariablesAndNoNetwork() throws Exception {
        accounts.create("sol", AccountType.SESSION_OWNER, AccessLevel.PUBLISHED, Set.of());
        games.add("plain", "Plain Game", GameStatus.PUBLISHED, null);
        mvc.perform(post("/games/plain/sessions").with(user("sol")).with(csrf())).andExpect(status().is3xxRedirection());
        JsonNode launch = play.callsTo(InternalApiV1.PLAY_LAUNCH).getLast().body();
        assertThat(launch.get("gameSlug").asText()).isEqualTo("plain");
        assertThat(launch.get("gameEnv").size()).isZero();
        assertThat(launch.get("allowNetwork").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"WSZ6_SECRET", "SPRING_DATASOURCE_URL", "JAVA_TOOL_OPTIONS", "PGPASSWORD"})
    void reservedNamesAreRefusedWithAClearMessageAndNothingChanges(String name) throws Exception {
        accounts.create("res-" + name.toLowerCase(), AccountType.GAMES_ADMIN);
        String slug = "res-" + name.toLowerCase().replace('_', '-');
        games.add(slug, "Reserved " + name, GameStatus.BETA, null);
        mvc.perform(post("/games/" + slug + "/settings").param("newName", "GAME_OK").param("newValue", "kept")
                .with(user("res-" + name.toLowerCase())).with(csrf()));
        mvc.perform(post("/games/" + slug + "/settings").param("newName", name).param("newValue", "x").param("allowNetwork", "true")
                        .with(user("res-" + name.toLowerCase())).with(csrf()))
                .andExpect(flash().attribute("error", Matchers.allOf(Matchers.containsString("reserved"),
                        Matchers.containsString(name))))
                .andExpect(flash().attribute("newName", name))
                .andExpect(flash().attribute("enteredAllowNetwork", true));
        assertThat(settings.of(slug)).isEqualTo(new GameSettings(Map.of("GAME_OK", "kept"), false, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"game_llm_url", "1ST", "GAME-URL", "GAME URL", "_X"})
    void malformedNamesAreRefusedWithAClearMessage(String name) throws Exception {
        String slug = "bad-" + Integer.toHexString(name.hashCode());
        accounts.create(slug, AccountType.GENERAL_ADMIN);
        games.add(slug, "Bad names", GameStatus.BETA, null);
        mvc.perform(post("/games/" + slug + "/settings").param("newName", name).param("newValue", "x")
                        .with(user(slug)).with(csrf()))
                .andExpect(flash().attribute("error", Matchers.containsString("is not a usable variable name")));
        assertThat(settings.of(slug)).isEqualTo(GameSettings.NONE);
    }

    @Test
    void aValueWithoutANameIsRefused() throws Exception {
        accounts.create("gus", AccountType.GAMES_ADMIN);
        games.add("noname", "No name", GameStatus.BETA, null);
        mvc.perform(post("/games/noname/settings").param("newName", " ").param("newValue", "secret")
                        .with(user("gus")).with(csrf()))
                .andExpect(flash().attribute("error", Matchers.containsString("name")));
        assertThat(settings.of("noname")).isEqualTo(GameSettings.NONE);
    }

    @Test
    void someoneWhoMayNotUpdateTheGameGets403AndSeesNoForm() throws Exception {
        Account owner = accounts.create("olga", AccountType.GAME_OWNER);
        accounts.create("otto", AccountType.GAME_OWNER);
        accounts.create("pat", AccountType.SESSION_OWNER, AccessLevel.ALL, Set.of());
        games.add("olgas", "Olga's game", GameStatus.PUBLISHED, owner.id());

        assertThat(mvc.perform(get("/games/olgas").with(user("pat"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).doesNotContain("Settings for this game");
        for (String who : new String[] {"pat", "otto"}) {
            mvc.perform(post("/games/olgas/settings").param("newName", "GAME_LLM_KEY").param("newValue", "stolen")
                    .param("allowNetwork", "true").with(user(who)).with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(settings.of("olgas")).isEqualTo(GameSettings.NONE);

        // The game's own owner may.
        mvc.perform(post("/games/olgas/settings").param("newName", "GAME_LLM_MODEL").param("newValue", "tiny")
                .with(user("olga")).with(csrf())).andExpect(flash().attribute("ok", Matchers.containsString("saved")));
        assertThat(settings.of("olgas").env()).containsEntry("GAME_LLM_MODEL", "tiny");
    }
}
