package org.wsz6.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsz6.contract.v1.AccessCheckRequest;
import org.wsz6.contract.v1.AccessDecision;
import org.wsz6.contract.v1.ActiveSessions;
import org.wsz6.contract.v1.GameInstalled;
import org.wsz6.contract.v1.GameRetired;
import org.wsz6.contract.v1.LaunchRequest;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.contract.v1.ObserverTokenRequest;
import org.wsz6.contract.v1.ObserverTokenResponse;
import org.wsz6.contract.v1.ChainReport;
import org.wsz6.contract.v1.ResearchEventPage;
import org.wsz6.contract.v1.ResearchSession;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.StepViews;
import org.wsz6.contract.v1.SessionSummary;

/**
 * Every v1 message has an example file and a JSON Schema. The examples must parse into the records
 * without losing a field, validate against the schemas, and still parse when a newer server adds a
 * field (an old client keeps working). The schemas must match the records (regenerate with
 * {@code -Dwsz6.contract.regenerate=true} after adding a field).
 */
class ContractExamplesTest {

    static final List<Class<?>> V1_MESSAGES = List.of(GameInstalled.class, GameRetired.class,
            LaunchRequest.class, LaunchResponse.class, SessionStatus.class, ActiveSessions.class,
            ObserverTokenRequest.class, ObserverTokenResponse.class, SessionSummary.class,
            AccessCheckRequest.class, AccessDecision.class,
            // research reads (added to v1 without changing any earlier message)
            ResearchSession.class, ResearchEventPage.class, ChainReport.class, StepViews.class);

    static Stream<Class<?>> messages() {
        return V1_MESSAGES.stream();
    }

    @ParameterizedTest
    @MethodSource("messages")
    void exampleRoundTripsWithoutLosingAField(Class<?> type) throws IOException {
        JsonNode example = example(type);
        Object parsed = InternalHttpClient.JSON.treeToValue(example, type);
        JsonNode written = asWritten(parsed);
        assertThat((Object) written).isEqualTo(example);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void anOldClientReadsAMessageWithAFieldAddedByANewerServer(Class<?> type) throws IOException {
        ObjectNode newer = (ObjectNode) example(type).deepCopy();
        newer.put("fieldAddedInALaterMinorVersion", "ignored by v1 clients");
        Object parsed = InternalHttpClient.JSON.treeToValue(newer, type);
        assertThat((Object) asWritten(parsed)).isEqualTo(example(type));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void schemaMatchesTheRecordAndTheExampleValidates(Class<?> type) throws IOException {
        JsonNode generated = schemaOf(type);
        Path file = Path.of("src/main/resources/contract/v1/schemas", type.getSimpleName() + ".schema.json");
        if (Boolean.getBoolean("wsz6.contract.regenerate")) {
            Files.writeString(file, InternalHttpClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
        }
        JsonNode checkedIn = InternalHttpClient.JSON.readTree(file.toFile());
        assertThat((Object) checkedIn).as("schema file %s is out of date", file).isEqualTo(generated);

        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(checkedIn);
        assertThat(schema.validate(example(type))).isEmpty();
    }

    private static JsonNode example(Class<?> type) throws IOException {
        try (InputStream in = ContractExamplesTest.class.getResourceAsStream(
                "/contract/v1/examples/" + type.getSimpleName() + ".json")) {
            assertThat(in).as("example for %s", type.getSimpleName()).isNotNull();
            return InternalHttpClient.JSON.readTree(in);
        }
    }

    /** What a sender puts on the wire, read back as a receiver reads it. */
    private static JsonNode asWritten(Object message) throws IOException {
        return InternalHttpClient.JSON.readTree(InternalHttpClient.JSON.writeValueAsString(message));
    }

    private static JsonNode schemaOf(Class<?> type) {
        var config = new SchemaGeneratorConfigBuilder(InternalHttpClient.JSON, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON).with(Option.NULLABLE_FIELDS_BY_DEFAULT).build();
        ObjectNode schema = new SchemaGenerator(config).generateSchema(type);
        schema.put("$id", "https://wsz6.org/contract/v1/" + type.getSimpleName() + ".schema.json");
        schema.put("title", type.getSimpleName() + " (internal API v1)");
        return schema;
    }
}
