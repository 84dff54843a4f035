package dev.parley.studio;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import liqp.TemplateParser;
import liqp.parser.Flavor;

/**
 * Liquid in widget properties, as Studio evaluates it ({@code {{trigger.conversation.Body}}},
 * {@code {{widgets.ask.inbound.Body}}}, {@code {{flow.variables.x}}}, filters), by Liqp. An unknown
 * variable renders empty, as on Twilio. Limits keep a hostile template from eating the node: a
 * template is at most 64 KB, renders at most 64 KB and loops at most 10,000 times.
 */
final class Templates {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TemplateParser PARSER =
      new TemplateParser.Builder()
          .withFlavor(Flavor.LIQUID)
          .withMaxTemplateSizeBytes(64 * 1024)
          .withMaxSizeRenderedString(64 * 1024)
          .withMaxIterations(10_000)
          .build();

  private Templates() {}

  /** {@code text} rendered against {@code context}; text without {@code {{} or {@code {%} as is. */
  static String render(String text, JsonNode context) {
    if (text == null || (!text.contains("{{") && !text.contains("{%"))) {
      return text;
    }
    try {
      return PARSER.parse(text).render(StudioJson.MAPPER.convertValue(context, MAP));
    } catch (RuntimeException e) {
      throw new TemplateException(text, e);
    }
  }

  /** A template Liqp could not parse or render: the widget fails, the flow goes on. */
  static final class TemplateException extends RuntimeException {
    TemplateException(String template, RuntimeException cause) {
      super("cannot render " + abbreviate(template) + ": " + cause.getMessage(), cause);
    }

    private static String abbreviate(String text) {
      return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
  }
}
