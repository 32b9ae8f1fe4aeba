package io.printbridge.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.printbridge.server.jobs.JobRequest;
import io.printbridge.server.jobs.JobsConfig;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.ExampleInvoices;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The job bodies as the served OpenAPI document describes them, held to what the request parser
 * takes. Everything is read from the document, nothing from the request records: for every job
 * type, the document's types, fields, required fields, closed objects, enums, patterns and numeric
 * limits are turned into bodies the document allows (the parser must take each) and bodies it
 * refuses (the parser must refuse each: one past every limit, a field it does not list, a wrong
 * JSON type). A change to the parser that the document does not show, or the reverse, fails here.
 */
class OpenApiJobBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCHEMAS = "/components/schemas/";
    /** Strings tried against every documented string property: names, edges of lengths, and what a name must not hold. */
    private static final List<String> STRINGS = List.of(
            "",
            "r",
            "receipt",
            "Kitchen_2",
            "bar-1",
            "-",
            "_",
            "a".repeat(64),
            "a".repeat(65),
            "bad name",
            "café",
            "a/b",
            "a\n",
            "a.b",
            "42",
            "123456789",
            "1234567890",
            "*");

    @TempDir
    static Path dir;

    static Bridge bridge;
    static JsonNode openApi;
    static JobRequestParser parser;
    /** Examples of the free-form documents, which the document describes only as objects. */
    static Map<String, List<JsonNode>> documents;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01"));
        String yaml = bridge.send(HttpRequest.newBuilder(bridge.uri("/swagger/bridge-server.yml"))
                        .timeout(Duration.ofSeconds(10))
                        .GET())
                .body();
        openApi = JSON.valueToTree(new Yaml().load(yaml));
        // The parser as the running server builds it: the same JSON reader and maximum time to live.
        parser = new JobRequestParser(
                bridge.server().getBean(ObjectMapper.class),
                bridge.server().getBean(JobsConfig.class).maxTimeToLive());
        documents = Map.of(
                "InvoiceJob.invoice",
                List.of(
                        JSON.readTree(ExampleInvoices.read("fr-cash-58mm.json")),
                        JSON.readTree(ExampleInvoices.read("ar-card.json"))));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void theJobOperationsTakeTheJobBodySchemas() {
        String body = "/post/requestBody/content/application~1json/schema/$ref";

        assertThat(openApi.path("paths")
                        .path("/api/v1/stores/{storeId}/jobs")
                        .at(body)
                        .asText())
                .isEqualTo("#/components/schemas/JobBody");
        assertThat(openApi.path("paths")
                        .path("/api/v1/stores/{storeId}/jobs/batch")
                        .at(body)
                        .asText())
                .isEqualTo("#/components/schemas/JobBatchBody");
        assertThat(schema("JobBatchBody").at("/properties/jobs/items/$ref").asText())
                .isEqualTo("#/components/schemas/JobBody");
    }

    @Test
    void theDocumentedJobTypesAreExactlyTheOnesTheParserTakes() {
        JsonNode jobBody = schema("JobBody");
        Map<String, String> mapping = JSON.convertValue(
                jobBody.at("/discriminator/mapping"),
                JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        Set<String> oneOf = new HashSet<>(jobBody.get("oneOf").findValuesAsText("$ref"));

        assertThat(jobBody.at("/discriminator/propertyName").asText()).isEqualTo("type");
        assertThat(new HashSet<>(mapping.values())).isEqualTo(oneOf);
        mapping.forEach((type, ref) -> {
            String name = schemaName(ref);
            assertThat(schema(name).at("/properties/type/enum"))
                    .as("%s's type", name)
                    .isEqualTo(NODES.arrayNode().add(type));
            assertThat(accepted(minimal(name)).type().wireName())
                    .as("the job the parser reads from %s", name)
                    .isEqualTo(type);
        });
        String refusal = refusal(NODES.objectNode().put("type", "fax"));
        // The parser's message lists the types it knows: "type: "fax" (expected: invoice, raw, drawer or status)".
        String listed = refusal.substring(refusal.indexOf("(expected: ") + 11, refusal.length() - 1);
        assertThat(Set.of(listed.split(", | or "))).isEqualTo(mapping.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobSchemas")
    void aJobSchemaIsClosedAndListsTheFieldsTheParserTakes(String name) {
        JsonNode schema = schema(name);
        ObjectNode body = minimal(name).put("unlisted", 1);

        assertThat(schema.get("additionalProperties"))
                .as("additionalProperties of %s", name)
                .isEqualTo(NODES.booleanNode(false));
        // The parser names every field the type has: they must be the schema's properties.
        assertThat(refusal(body))
                .isEqualTo("unknown field \"unlisted\" for type \""
                        + body.get("type").asText() + "\" (expected: "
                        + String.join(", ", new TreeSet<>(propertyNames(schema))) + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobSchemas")
    void aFieldOfAnotherJobTypeIsRefused(String name) {
        SoftAssertions softly = new SoftAssertions();
        JsonNode schema = schema(name);
        jobSchemas().filter(other -> !other.equals(name)).forEach(other -> {
            JsonNode otherSchema = schema(other);
            for (String field : propertyNames(otherSchema)) {
                if (!schema.get("properties").has(field)) {
                    ObjectNode body = minimal(name)
                            .set(
                                    field,
                                    allowed(
                                                    other,
                                                    field,
                                                    otherSchema
                                                            .get("properties")
                                                            .get(field))
                                            .get(0));
                    softly.assertThat(outcome(body))
                            .as("%s with %s's %s", name, other, field)
                            .startsWith("refused");
                }
            }
        });
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobSchemas")
    void theDocumentedRequiredFieldsAreTheOnesTheParserRequires(String name) {
        SoftAssertions softly = new SoftAssertions();
        JsonNode schema = schema(name);
        softly.assertThat(outcome(minimal(name)))
                .as("%s with its required fields only", name)
                .isEqualTo("taken");
        for (JsonNode required : schema.path("required")) {
            softly.assertThat(outcome(minimal(name).without(required.asText())))
                    .as("%s without %s", name, required)
                    .startsWith("refused");
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("jobProperties")
    void everyValueTheDocumentAllowsIsTakenAndEveryValueItRefusesIsRefused(String name, String property) {
        SoftAssertions softly = new SoftAssertions();
        JsonNode schema = schema(name);
        JsonNode propertySchema = resolve(schema.get("properties").get(property));
        for (Example example : examples(name, property, propertySchema)) {
            ObjectNode body = minimal(name).set(property, example.value());
            String outcome = outcome(body);
            if (example.allowed()) {
                softly.assertThat(outcome)
                        .as(
                                "%s.%s = %s (%s): the document allows it",
                                name, property, shown(example.value()), example.why())
                        .isEqualTo("taken");
            } else {
                softly.assertThat(outcome)
                        .as(
                                "%s.%s = %s (%s): the document refuses it",
                                name, property, shown(example.value()), example.why())
                        .startsWith("refused");
            }
        }
        softly.assertAll();
    }

    @Test
    void theBatchBodyTakesTheDocumentedNumberOfJobsAndNothingElse() {
        JsonNode batch = schema("JobBatchBody");
        JsonNode jobs = batch.at("/properties/jobs");
        int min = jobs.get("minItems").asInt();
        int max = jobs.get("maxItems").asInt();

        assertThat(batch.get("required")).isEqualTo(NODES.arrayNode().add("jobs"));
        assertThat(batch.get("additionalProperties")).isEqualTo(NODES.booleanNode(false));
        assertThat(parser.parseBatch(parser.read(bytes(batchOf(min))))).hasSize(min);
        assertThat(parser.parseBatch(parser.read(bytes(batchOf(max))))).hasSize(max);
        assertThat(batchRefusal(batchOf(min - 1))).contains("(expected: an array of " + min + " to " + max + " jobs)");
        assertThat(batchRefusal(batchOf(max + 1))).contains("(expected: an array of " + min + " to " + max + " jobs)");
        assertThat(batchRefusal(batchOf(min).put("unlisted", 1))).startsWith("request body: fields [jobs, unlisted]");
        assertThat(batchRefusal(NODES.objectNode())).startsWith("request body: fields []");
    }

    // ------------------------------------------------------------------ the document

    /** The job types' schemas, as JobBody's oneOf names them. */
    static Stream<String> jobSchemas() {
        return schema("JobBody").get("oneOf").findValuesAsText("$ref").stream().map(OpenApiJobBodiesTest::schemaName);
    }

    static Stream<Arguments> jobProperties() {
        return jobSchemas()
                .flatMap(name -> propertyNames(schema(name)).stream().map(property -> Arguments.of(name, property)));
    }

    private static JsonNode schema(String name) {
        JsonNode schema = openApi.at(SCHEMAS + name);
        assertThat(schema.isObject()).as("schema %s in the document", name).isTrue();
        return schema;
    }

    private static String schemaName(String ref) {
        assertThat(ref).startsWith("#" + SCHEMAS);
        return ref.substring(SCHEMAS.length() + 1);
    }

    private static List<String> propertyNames(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * A property's schema with its references followed: {@code $ref}, or {@code allOf} of one
     * {@code $ref} (how a nullable reference is written), merged with the property's own keywords.
     */
    private static JsonNode resolve(JsonNode property) {
        if (property.has("$ref")) {
            return schema(schemaName(property.get("$ref").asText()));
        }
        if (property.has("allOf") && property.get("allOf").size() == 1) {
            ObjectNode merged = resolve(property.get("allOf").get(0)).deepCopy();
            property.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("allOf")) {
                    merged.set(field.getKey(), field.getValue());
                }
            });
            return merged;
        }
        return property;
    }

    /** A body of the schema {@code name} with its required fields only, each with the first value the document allows. */
    private static ObjectNode minimal(String name) {
        JsonNode schema = schema(name);
        ObjectNode body = NODES.objectNode();
        for (JsonNode required : schema.path("required")) {
            String field = required.asText();
            body.set(
                    field,
                    allowed(name, field, schema.get("properties").get(field)).get(0));
        }
        return body;
    }

    /** The values of a property that the document allows, null aside; at least one. */
    private static List<JsonNode> allowed(String name, String property, JsonNode propertySchema) {
        List<JsonNode> allowed = examples(name, property, resolve(propertySchema)).stream()
                .filter(Example::allowed)
                .map(Example::value)
                .filter(value -> !value.isNull())
                .toList();
        assertThat(allowed)
                .as("values of %s.%s that the document allows", name, property)
                .isNotEmpty();
        return allowed;
    }

    /** A value for a property, and whether the document allows it. */
    record Example(JsonNode value, boolean allowed, String why) {}

    /**
     * Values the property's schema allows and values it refuses, read from its keywords only: its
     * type, nullable, enum, minimum and maximum, format, pattern and lengths.
     */
    private static List<Example> examples(String name, String property, JsonNode schema) {
        List<Example> examples = new ArrayList<>();
        examples.add(new Example(NODES.nullNode(), schema.path("nullable").asBoolean(false), "null"));
        String type = schema.path("type").asText();
        switch (type) {
            case "string" -> strings(schema, examples);
            case "integer" -> integers(schema, examples);
            case "boolean" -> {
                examples.add(new Example(NODES.booleanNode(true), true, "boolean"));
                examples.add(new Example(NODES.booleanNode(false), true, "boolean"));
                examples.add(new Example(NODES.textNode("true"), false, "a string"));
                examples.add(new Example(NODES.numberNode(1), false, "a number"));
            }
            case "object" -> {
                assertThat(schema.has("properties"))
                        .as("%s.%s: an object with properties (not covered here)", name, property)
                        .isFalse();
                // A free-form object is a document of its own format: its examples are valid ones.
                List<JsonNode> valid = documents.get(name + "." + property);
                assertThat(valid)
                        .as("example documents for %s.%s, a free-form object", name, property)
                        .isNotNull();
                valid.forEach(document -> examples.add(new Example(
                        document,
                        conforms(document, schema.path("additionalProperties")),
                        "an example document, additionalProperties " + schema.path("additionalProperties"))));
                examples.add(new Example(NODES.textNode("{}"), false, "a string"));
                examples.add(new Example(NODES.arrayNode().add(valid.get(0)), false, "an array"));
            }
            default ->
                throw new AssertionError(name + "." + property + ": type \"" + type + "\" (expected: string, integer, "
                        + "boolean or object; teach this test the new type)");
        }
        if (!type.equals("object")) {
            examples.add(new Example(NODES.objectNode(), false, "an object"));
        }
        return examples;
    }

    /**
     * Whether an object's members are what {@code additionalProperties} allows (absent or true:
     * anything; false: none; a schema: here, of its JSON type).
     */
    private static boolean conforms(JsonNode document, JsonNode additionalProperties) {
        if (additionalProperties.isMissingNode() || additionalProperties.isBoolean()) {
            return additionalProperties.asBoolean(true) || document.isEmpty();
        }
        String type = additionalProperties.path("type").asText();
        for (JsonNode member : document) {
            String actual = member.isTextual()
                    ? "string"
                    : member.isIntegralNumber()
                            ? "integer"
                            : member.isNumber()
                                    ? "number"
                                    : member.isBoolean()
                                            ? "boolean"
                                            : member.isArray() ? "array" : member.isObject() ? "object" : "null";
            boolean typed =
                    type.isEmpty() || type.equals(actual) || (type.equals("number") && actual.equals("integer"));
            if (!typed) {
                return false;
            }
        }
        return true;
    }

    private static void strings(JsonNode schema, List<Example> examples) {
        examples.add(new Example(NODES.numberNode(1), false, "a number"));
        examples.add(new Example(NODES.booleanNode(true), false, "a boolean"));
        if (schema.has("enum")) {
            for (JsonNode value : schema.get("enum")) {
                examples.add(new Example(value, true, "in the enum"));
                examples.add(new Example(NODES.textNode(value.asText().toUpperCase()), false, "not in the enum"));
                examples.add(new Example(NODES.textNode(value.asText() + "x"), false, "not in the enum"));
            }
            return;
        }
        int minLength = schema.path("minLength").asInt(0);
        if (schema.path("format").asText().equals("byte")) {
            examples.add(new Example(NODES.textNode(base64(3)), true, "base64"));
            examples.add(new Example(NODES.textNode("@@@@"), false, "not base64"));
            examples.add(new Example(NODES.textNode(""), minLength == 0, "empty, minLength " + minLength));
            // The decoded size has no JSON Schema keyword; the document gives it as an extension.
            if (schema.has("x-max-decoded-bytes")) {
                int max = schema.get("x-max-decoded-bytes").asInt();
                examples.add(new Example(NODES.textNode(base64(max)), true, "base64 of x-max-decoded-bytes"));
                examples.add(new Example(NODES.textNode(base64(max + 1)), false, "base64 of x-max-decoded-bytes + 1"));
            }
            return;
        }
        Pattern pattern =
                schema.has("pattern") ? ecmaPattern(schema.get("pattern").asText()) : null;
        int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        for (String candidate : STRINGS) {
            // A JSON Schema pattern matches anywhere unless anchored: find(), not matches().
            boolean allowed = (pattern == null || pattern.matcher(candidate).find())
                    && candidate.length() >= minLength
                    && candidate.length() <= maxLength;
            examples.add(new Example(
                    NODES.textNode(candidate),
                    allowed,
                    "pattern " + pattern + ", lengths " + minLength + ".." + maxLength));
        }
    }

    /**
     * A document's pattern (ECMA-262) as a Java pattern, for the patterns this API writes: the one
     * difference that matters is a final {@code $}, which in Java also matches before a last line
     * feed ("a\n") and in ECMA-262 only at the very end.
     */
    private static Pattern ecmaPattern(String pattern) {
        boolean dollarAtEnd = pattern.endsWith("$") && !pattern.endsWith("\\$");
        return Pattern.compile(dollarAtEnd ? pattern.substring(0, pattern.length() - 1) + "\\z" : pattern);
    }

    private static void integers(JsonNode schema, List<Example> examples) {
        List<BigInteger> allowed = new ArrayList<>();
        if (schema.has("enum")) {
            schema.get("enum").forEach(value -> allowed.add(value.bigIntegerValue()));
            BigInteger low = allowed.stream().min(BigInteger::compareTo).orElseThrow();
            BigInteger high = allowed.stream().max(BigInteger::compareTo).orElseThrow();
            for (BigInteger i = low.subtract(BigInteger.ONE);
                    i.compareTo(high.add(BigInteger.ONE)) <= 0;
                    i = i.add(BigInteger.ONE)) {
                if (!allowed.contains(i)) {
                    examples.add(new Example(NODES.numberNode(i), false, "not in the enum"));
                }
            }
        } else {
            @Nullable
            BigInteger minimum = schema.has("minimum") ? schema.get("minimum").bigIntegerValue() : null;
            @Nullable
            BigInteger maximum = schema.has("maximum") ? schema.get("maximum").bigIntegerValue() : null;
            assertThat(schema.path("exclusiveMinimum").asBoolean(false)
                            || schema.path("exclusiveMaximum").asBoolean(false))
                    .as("exclusive limits (not covered here)")
                    .isFalse();
            if (minimum != null) {
                allowed.add(minimum);
                allowed.add(minimum.add(BigInteger.ONE));
                examples.add(new Example(NODES.numberNode(minimum.subtract(BigInteger.ONE)), false, "minimum - 1"));
            }
            if (maximum != null) {
                allowed.add(maximum);
                examples.add(new Example(NODES.numberNode(maximum.add(BigInteger.ONE)), false, "maximum + 1"));
            }
            if (allowed.isEmpty()) {
                allowed.add(BigInteger.ONE);
            }
        }
        allowed.forEach(value -> examples.add(new Example(NODES.numberNode(value), true, "allowed")));
        BigInteger some = allowed.get(0);
        examples.add(new Example(NODES.numberNode(some.doubleValue() + 0.5), false, "not a whole number"));
        examples.add(new Example(NODES.textNode(some.toString()), false, "a string"));
        examples.add(new Example(NODES.booleanNode(true), false, "a boolean"));
        // Past the format's range, a value that would wrap around onto an allowed one.
        int bits = switch (schema.path("format").asText()) {
            case "int32" -> 32;
            case "int64" -> 64;
            default -> 0;
        };
        if (bits > 0) {
            examples.add(new Example(
                    NODES.numberNode(BigInteger.ONE.shiftLeft(bits).add(some)),
                    false,
                    "beyond " + schema.get("format")));
        }
    }

    // ------------------------------------------------------------------ the parser

    /** "taken", or "refused: " and the parser's message; the body goes through the same reader as a request's. */
    private static String outcome(JsonNode body) {
        try {
            parser.parse(parser.read(bytes(body)));
            return "taken";
        } catch (ApiException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static JobRequest accepted(JsonNode body) {
        return parser.parse(parser.read(bytes(body)));
    }

    private static String refusal(JsonNode body) {
        String outcome = outcome(body);
        assertThat(outcome).as("outcome of %s", body).startsWith("refused: ");
        return outcome.substring("refused: ".length());
    }

    private static String batchRefusal(JsonNode body) {
        try {
            parser.parseBatch(parser.read(bytes(body)));
            throw new AssertionError("batch taken: " + shown(body));
        } catch (ApiException e) {
            return e.getMessage();
        }
    }

    private static ObjectNode batchOf(int jobs) {
        ObjectNode batch = NODES.objectNode();
        ArrayNode array = batch.putArray("jobs");
        for (int i = 0; i < jobs; i++) {
            array.add(NODES.objectNode().put("type", "status"));
        }
        return batch;
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    /** A value short enough for a message. */
    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= 80 ? text : text.substring(0, 60) + "…(" + text.length() + " characters)";
    }
}
