package dev.parley.api.studio;

import static dev.parley.api.studio.StudioFixtures.DANGLING;
import static dev.parley.api.studio.StudioFixtures.ROUTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.studio.v2.Flow;
import com.twilio.rest.studio.v2.FlowValidate;
import com.twilio.rest.studio.v2.flow.Execution;
import com.twilio.rest.studio.v2.flow.FlowRevision;
import com.twilio.rest.studio.v2.flow.execution.ExecutionContext;
import com.twilio.rest.studio.v2.flow.execution.ExecutionStep;
import com.twilio.rest.studio.v2.flow.execution.executionstep.ExecutionStepContext;
import com.twilio.type.PhoneNumber;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Twilio's Java helper library, unmodified, drives Studio v2 (every answer schema-checked). */
class StudioTwilioJavaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TwilioRestClient client = TwilioClients.of(server);

  private static final String TWILIO_SIMPLE = "/studio/twilio-simple-flow.json";

  private static String resource(String path) throws Exception {
    try (var in = StudioTwilioJavaTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static Map<String, Object> definition(String json) throws Exception {
    return JSON.readValue(json, new TypeReference<>() {});
  }

  @Test
  void creates_publishes_revises_and_lists_a_flow() throws Exception {
    Flow draft = Flow.creator("Router", Flow.Status.DRAFT, definition(ROUTER)).create(client);

    Flow published =
        Flow.updater(draft.getSid(), Flow.Status.PUBLISHED)
            .setCommitMessage("go live")
            .update(client);

    assertThat(published.getRevision()).isEqualTo(2);
    assertThat(published.getValid()).isTrue();
    assertThat(Flow.fetcher(draft.getSid()).fetch(client).getStatus())
        .isEqualTo(Flow.Status.PUBLISHED);
    List<Integer> revisions = new ArrayList<>();
    FlowRevision.reader(draft.getSid()).read(client).forEach(r -> revisions.add(r.getRevision()));
    assertThat(revisions).containsExactly(2, 1);
    assertThat(FlowRevision.fetcher(draft.getSid(), "1").fetch(client).getStatus())
        .isEqualTo(FlowRevision.Status.DRAFT);
    List<String> sids = new ArrayList<>();
    Flow.reader().read(client).forEach(f -> sids.add(f.getSid()));
    assertThat(sids).contains(draft.getSid());
  }

  @Test
  void validate_accepts_a_good_definition_and_refuses_a_bad_one() throws Exception {
    FlowValidate valid =
        FlowValidate.updater("Router", FlowValidate.Status.PUBLISHED, definition(ROUTER))
            .update(client);

    assertThat(valid.getValid()).isTrue();
    assertThatThrownBy(
            () ->
                FlowValidate.updater("Broken", FlowValidate.Status.PUBLISHED, definition(DANGLING))
                    .update(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(81022));
  }

  @Test
  void twilios_simple_flow_sample_publishes_with_warnings_for_its_voice_widgets() throws Exception {
    Flow flow =
        Flow.creator("Simple", Flow.Status.PUBLISHED, definition(resource(TWILIO_SIMPLE)))
            .create(client);

    assertThat(flow.getValid()).isTrue();
    assertThat(flow.getErrors()).isEmpty();
    List<Object> paths = new ArrayList<>();
    flow.getWarnings().forEach(w -> paths.add(((Map<?, ?>) w).get("property_path")));
    assertThat(paths).containsExactly("#/states/1/type", "#/states/3/type");
  }

  @Test
  void validate_names_a_property_of_the_wrong_type_with_81022() throws Exception {
    String numericBody =
        resource(TWILIO_SIMPLE).replace("\"body\": \"Hello world!\"", "\"body\": 7");

    assertThatThrownBy(
            () ->
                FlowValidate.updater("Bad", FlowValidate.Status.PUBLISHED, definition(numericBody))
                    .update(client))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(81022);
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Flow definition validation failed: body must be a string"
                          + " (at #/states/2/properties/body)");
            });
  }

  @Test
  void runs_an_execution_and_reads_its_steps_and_contexts() throws Exception {
    Flow flow = Flow.creator("Router", Flow.Status.PUBLISHED, definition(ROUTER)).create(client);

    Execution execution =
        Execution.creator(
                flow.getSid(), new PhoneNumber("+15550001111"), new PhoneNumber("+15550002222"))
            .setParameters(Map.of("plan", "gold"))
            .create(client);

    assertThat(execution.getStatus()).isEqualTo(Execution.Status.ENDED);
    List<ExecutionStep> steps = new ArrayList<>();
    ExecutionStep.reader(flow.getSid(), execution.getSid()).read(client).forEach(steps::add);
    assertThat(steps)
        .extracting(ExecutionStep::getTransitionedTo)
        .containsExactly("remember", "route", "vip", "Ended");
    ExecutionStepContext stepContext =
        ExecutionStepContext.fetcher(flow.getSid(), execution.getSid(), steps.get(2).getSid())
            .fetch(client);
    assertThat(stepContext.getContext().toString()).contains("GOLD");
    ExecutionContext context =
        ExecutionContext.fetcher(flow.getSid(), execution.getSid()).fetch(client);
    assertThat(context.getContext().toString()).contains("vip=yes");
    assertThat(Execution.deleter(flow.getSid(), execution.getSid()).delete(client)).isTrue();
    assertThat(Flow.deleter(flow.getSid()).delete(client)).isTrue();
  }
}
